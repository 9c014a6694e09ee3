package dev.redflag.rules;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.MapObjectHandler;
import dev.redflag.yaml.Problems;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Reader;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An annotation text from a rule file ({@code "Bounce rate on {{page}} is {{value}}"}), compiled
 * so that whoever edits rule files cannot make the job run code or read files: Mustache without
 * partials, template inheritance, pragmas or lambdas, where a section is only an if over a
 * boolean (or a non-empty value) and variables are looked up in maps, never by reflection.
 *
 * <p>Nothing is HTML-escaped here: annotations go to Slack, Alertmanager and Kafka, and each
 * delivery escapes for its own format. Values are formatted by the caller, so the scope holds
 * strings (numbers and booleans are accepted and printed with {@code String.valueOf}).
 *
 * <p>Serializable as its source text: it is compiled again after deserialization.
 */
public final class AnnotationTemplate implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final Set<String> variables;
    private transient Mustache mustache;

    private AnnotationTemplate(String source, Set<String> variables, Mustache mustache) {
        this.source = source;
        this.variables = variables;
        this.mustache = mustache;
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException with a one-line reason, naming the template line when
     *                                  the template has more than one
     */
    public static AnnotationTemplate compile(String source) {
        if (source == null) {
            throw new IllegalArgumentException("no template");
        }
        Factory factory = new Factory(source.indexOf('\n') >= 0);
        Mustache compiled;
        try {
            compiled = factory.compile(new StringReader(source), "annotation");
        } catch (MustacheException e) {
            throw new IllegalArgumentException(factory.describe(e), e);
        } catch (RuntimeException e) { // mustache.java's parser fails so on some broken tags
            throw new IllegalArgumentException("not a template Mustache can read ("
                    + e.getClass().getSimpleName() + "); check the {{ }} tags", e);
        }
        return new AnnotationTemplate(source, Collections.unmodifiableSet(factory.variables), compiled);
    }

    public String source() {
        return source;
    }

    /**
     * Every name the template reads, as written: plain variables ({@code value}), dotted ones
     * ({@code labels.team}) and section names ({@code flag} of {@code {{#flag}}}), sorted.
     */
    public Set<String> variables() {
        return variables;
    }

    /**
     * Renders with the given values. A missing variable renders as nothing; a dotted name reads
     * into a nested map ({@code labels.team} from {@code {labels: {team: web}}}).
     *
     * @throws IllegalArgumentException for a value that is not a string, number, boolean or map
     */
    public String render(Map<String, ?> scope) {
        StringWriter out = new StringWriter();
        mustache.execute(out, (Object) plain(scope));
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnnotationTemplate t && t.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        mustache = compile(source).mustache;
    }

    /** A copy holding only strings, booleans and maps of those: nothing Mustache could call. */
    private static Map<String, Object> plain(Map<?, ?> scope) {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<?, ?> e : scope.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            Object safe;
            if (v instanceof String || v instanceof Boolean) {
                safe = v;
            } else if (v instanceof Number || v instanceof Character) {
                safe = String.valueOf(v);
            } else if (v instanceof Map<?, ?> m) {
                safe = plain(m);
            } else {
                throw new IllegalArgumentException("template value '" + e.getKey()
                        + "' is not a string, number, boolean or map; format it first");
            }
            out.put(String.valueOf(e.getKey()), safe);
        }
        return out;
    }

    /** Sections are ifs: a true boolean, a non-empty string or a non-empty map renders once. */
    private static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return false;
    }

    /** One compilation: collects the variables, refuses the constructs that reach outside. */
    private static final class Factory extends DefaultMustacheFactory {

        private final Set<String> variables = new TreeSet<>();
        private final boolean multiline;

        Factory(boolean multiline) {
            this.multiline = multiline;
            setObjectHandler(new BooleanSections());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("templates cannot read other templates");
        }

        @Override
        public Mustache compilePartial(String name) {
            throw new MustacheException("partials are not allowed");
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    if (variable.startsWith("*")) { // mustache.java fails to render these, whatever the scope
                        throw refused("{{" + variable + "}}: a name cannot start with *", tc);
                    }
                    variables.add(variable);
                    super.value(tc, variable, encoded);
                }

                @Override
                public void iterable(TemplateContext tc, String variable, Mustache mustache) {
                    variables.add(variable);
                    super.iterable(tc, variable, mustache);
                }

                @Override
                public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
                    variables.add(variable);
                    super.notIterable(tc, variable, mustache);
                }

                @Override
                public void partial(TemplateContext tc, String variable, String indent) {
                    throw refused("partials ({{> " + variable + "}}) are not allowed", tc);
                }

                @Override
                public void dynamicPartial(TemplateContext tc, String variable, String indent) {
                    throw refused("partials ({{>* " + variable + "}}) are not allowed", tc);
                }

                @Override
                public void extend(TemplateContext tc, String variable, Mustache mustache) {
                    throw refused("template inheritance ({{< " + variable + "}}) is not allowed", tc);
                }

                @Override
                public void name(TemplateContext tc, String variable, Mustache mustache) {
                    throw refused("template blocks ({{$" + variable + "}}) are not allowed", tc);
                }

                @Override
                public void checkName(TemplateContext tc, String variable, Mustache mustache) {
                    throw refused("template blocks ({{?" + variable + "}}) are not allowed", tc);
                }

                @Override
                public void pragma(TemplateContext tc, String pragma, String args) {
                    throw refused("pragmas ({{%" + pragma + "}}) are not allowed", tc);
                }
            };
        }

        private static MustacheException refused(String reason, TemplateContext tc) {
            return new MustacheException(reason, tc);
        }

        /** One line: what is wrong in words of the template, plus its line in a multi-line one. */
        String describe(MustacheException e) {
            String raw = String.valueOf(e.getMessage());
            int at = raw.indexOf(" @[");
            String message = (at >= 0 ? raw.substring(0, at) : raw).replace('\n', ' ').strip();
            message = Problems.oneLine(reword(message)); // a tag name may hold a carriage return
            int line = lineOf(e);
            return multiline && line > 0 ? message + " (template line " + line + ")" : message;
        }

        /** mustache.java's parser messages, said in terms of the template. */
        private static String reword(String message) {
            String mismatched = "Mismatched start/end tags: ";
            // a tag name may hold " != " or " in " itself, or be empty
            int differ = message.indexOf(" != ", mismatched.length() - 1);
            if (message.startsWith(mismatched) && differ > 0) {
                int in = message.indexOf(" in ", differ + 4);
                String opened = message.substring(Math.min(mismatched.length(), differ), differ);
                String closed = message.substring(differ + 4, in < 0 ? message.length() : in);
                if (opened.equals("null")) { // mustache.java's name for the template itself
                    return "{{/" + closed + "}} closes a section that was never opened";
                }
                return "section {{#" + opened + "}} is closed by {{/" + closed + "}}";
            }
            String unclosed = "Failed to close '";
            int quote = message.indexOf('\'', unclosed.length());
            if (message.startsWith(unclosed) && quote > 0) {
                String name = message.substring(unclosed.length(), quote);
                return "section {{#" + name + "}} is never closed; add {{/" + name + "}}";
            }
            if (message.startsWith("Improperly closed variable")) {
                return "a tag opened with {{ is not closed with }}";
            }
            if (message.startsWith("Empty mustache")) {
                return "empty tag {{}}; put a variable name inside";
            }
            int in = message.indexOf(" in annotation:");
            return in >= 0 ? message.substring(0, in) : message;
        }

        private static int lineOf(MustacheException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MustacheException m && m.getContext() != null) {
                    return m.getContext().line();
                }
            }
            return 0;
        }
    }

    /** Looks names up in maps only; a section renders its body once when its value is truthy. */
    private static final class BooleanSections extends MapObjectHandler {
        @Override
        public Writer iterate(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
            return truthy(object) ? iteration.next(writer, null, scopes) : writer;
        }

        @Override
        public Writer falsey(Iteration iteration, Writer writer, Object object, List<Object> scopes) {
            return truthy(object) ? writer : iteration.next(writer, null, scopes);
        }
    }
}
