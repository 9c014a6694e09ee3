package dev.redflag.kpi;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of examples shared by the serializers that carry them (contributions, window
 * state, KPI values): a count, then per example its time, whether it has an ID and the ID, and its
 * fields (name, then a text or a number).
 */
public final class ExampleCodec {

    private ExampleCodec() {
    }

    public static void write(List<Example> examples, DataOutputView out) throws IOException {
        out.writeInt(examples.size());
        for (Example e : examples) {
            writeOne(e, out);
        }
    }

    /** One example: its time, whether it has an ID and the ID, its fields. */
    static void writeOne(Example e, DataOutputView out) throws IOException {
        out.writeLong(e.ts());
        out.writeBoolean(e.id() != null);
        if (e.id() != null) {
            StringValue.writeString(e.id(), out);
        }
        out.writeInt(e.fields().size());
        for (ExampleField f : e.fields()) {
            StringValue.writeString(f.name(), out);
            out.writeBoolean(f.isNumber());
            if (f.isNumber()) {
                out.writeDouble(f.number());
            } else {
                StringValue.writeString(f.text(), out);
            }
        }
    }

    public static List<Example> read(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return List.of();
        }
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readOne(in));
        }
        return out;
    }

    static Example readOne(DataInputView in) throws IOException {
        long ts = in.readLong();
        String id = in.readBoolean() ? StringValue.readString(in) : null;
        int m = in.readInt();
        List<ExampleField> fields = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            String name = StringValue.readString(in);
            fields.add(in.readBoolean() ? ExampleField.number(name, in.readDouble())
                    : ExampleField.text(name, StringValue.readString(in)));
        }
        return new Example(ts, id, fields);
    }

    /** A sample written oldest first, so that reading it back re-adds in the same order. */
    static void write(Latest<Example> latest, DataOutputView out) throws IOException {
        List<Example> newest = latest.newestFirst();
        List<Example> oldest = new ArrayList<>(newest.size());
        for (int i = newest.size() - 1; i >= 0; i--) {
            oldest.add(newest.get(i));
        }
        write(oldest, out);
    }

    static Latest<Example> readLatest(int max, DataInputView in) throws IOException {
        Latest<Example> latest = new Latest<>(max);
        for (Example e : read(in)) {
            latest.add(e.ts(), e);
        }
        return latest;
    }
}
