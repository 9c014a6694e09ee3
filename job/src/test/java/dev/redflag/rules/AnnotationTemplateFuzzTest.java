package dev.redflag.rules;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

/**
 * Any text as an annotation template: it compiles, or is refused with a one-line
 * {@link IllegalArgumentException} (what a rule file's problem line quotes); a compiled one renders
 * an alert's scope without throwing, also after the trip through Java serialization that Flink
 * gives it. Jazzer's sanitizers watch for file access and reflective calls while it renders.
 * Seeds are the annotations of alerts-config/rules/ and docs/rules.md.
 */
class AnnotationTemplateFuzzTest {

    /** A scope as SeriesAlerts builds it: formatted values, flags, series dims and the labels map. */
    private static final Map<String, Object> SCOPE = Map.ofEntries(
            Map.entry("alertname", "HighBounceRate"), Map.entry("kpi", "bounce_rate"), Map.entry("window", "1h"),
            Map.entry("judged_window", "1h"), Map.entry("severity", "warning"), Map.entry("value", "0.61"),
            Map.entry("baseline", "0.42"), Map.entry("change", "+0.19"), Map.entry("change_percent", "+45%"),
            Map.entry("numerator", "61"), Map.entry("denominator", "100"), Map.entry("sample", "100"),
            Map.entry("window_start", "2026-11-24T08:00:00Z"), Map.entry("window_end", "2026-11-24T09:00:00Z"),
            Map.entry("firing", true), Map.entry("resolved", false), Map.entry("page", "/pricing"),
            Map.entry("tenant", "acme"), Map.entry("labels", Map.of("team", "web", "page", "/pricing",
                    "alertname", "HighBounceRate", "severity", "warning")));

    @FuzzTest(maxDuration = "10m")
    @DictionaryFile(resourcePath = "templates.dict")
    void compilesOrRefusesAndRenders(byte[] input) throws IOException, ClassNotFoundException {
        String source = new String(input, UTF_8);
        AnnotationTemplate template;
        try {
            template = AnnotationTemplate.compile(source);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
            return;
        }
        String rendered = template.render(SCOPE);
        if (!source.contains("{{")) {
            // mustache.java drops some carriage returns ("a\rb", "\r\n\n"; found by this test, harmless)
            assertThat(rendered.replace("\r", "")).isEqualTo(source.replace("\r", ""));
        }
        assertThat(deserialize(serialize(template)).render(SCOPE)).isEqualTo(rendered);
    }

    private static byte[] serialize(AnnotationTemplate template) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(template);
        }
        return bytes.toByteArray();
    }

    private static AnnotationTemplate deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (AnnotationTemplate) in.readObject();
        }
    }
}
