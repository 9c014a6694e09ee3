package dev.redflag.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rule files of one rule set as they were written, file name to content: the unit that travels
 * from {@code redflag rules push} (or the file watcher) through the compacted rules topic to the
 * job, which validates it as a whole and keeps or rejects it whole. Shipping the text rather than
 * parsed rules means the job reports problems with the same file:line:column as {@code validate}.
 */
public record RuleBundle(SortedMap<String, String> files) implements Serializable {

    private static final JsonFactory JSON = new JsonFactory();

    public RuleBundle {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** The rule files of {@code dir}, chosen as {@code validate} chooses them ({@link RuleLoader#ruleFiles}). */
    public static RuleBundle read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        SortedMap<String, String> files = new TreeMap<>();
        for (Path file : RuleLoader.ruleFiles(dir)) {
            files.put(file.getFileName().toString(), readText(file));
        }
        return new RuleBundle(files);
    }

    /** The file's text; what went wrong said with the file's path, which the JDK's messages do not all name. */
    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IOException("cannot read rule file " + file + ": it is not UTF-8 text", e);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read rule file " + file + ": it is gone", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read rule file " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read rule file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code {"files": {"name.yaml": "content", ...}}} */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("files");
            for (Map.Entry<String, String> f : files.entrySet()) {
                g.writeStringField(f.getKey(), f.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a bundle */
    public static RuleBundle fromJson(byte[] bytes) {
        SortedMap<String, String> files = new TreeMap<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            expect(p.nextToken() == JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("files")) {
                    p.skipChildren();
                    continue;
                }
                expect(value == JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    expect(p.nextToken() == JsonToken.VALUE_STRING);
                    files.put(name, p.getText());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a rule bundle: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return new RuleBundle(files);
    }

    private static void expect(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("not a rule bundle: expected {\"files\": {\"name.yaml\": \"...\"}}");
        }
    }
}
