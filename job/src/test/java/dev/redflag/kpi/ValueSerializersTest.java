package dev.redflag.kpi;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written serializers are the ones Flink picks, they round-trip every field, and KPI
 * values kept in state by the previous format come back.
 */
class ValueSerializersTest {

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new ExecutionConfig().getSerializerConfig());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T first = serializer.deserialize(in);
        assertThat(serializer.deserialize(in)).isEqualTo(first);
        assertThat(in.available()).isZero();
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isSameAs(serializer);
        return first;
    }

    @Test
    void kpiValueKeepsEveryFieldAndComesBackWithSortedDims() throws Exception {
        Map<String, String> dims = new java.util.LinkedHashMap<>();
        dims.put("tenant", "acme");
        dims.put("page", "/pricing ✓ " + "x".repeat(70_000));
        KpiValue value = new KpiValue("bounce_rate", "1d/1h", dims, 1, 2, 0.4, 2, 5, 5, 2, 2, 5);
        KpiValue back = roundTrip(KpiValue.class, value);
        assertThat(back).isEqualTo(value);
        assertThat(back).extracting(KpiValue::numeratorSquares, KpiValue::crossProducts,
                KpiValue::denominatorSquares).containsExactly(2.0, 2.0, 5.0);
        assertThat(back.dims()).isInstanceOf(TreeMap.class);
        assertThat(back.dims().keySet()).containsExactly("page", "tenant");
        KpiValue notRatio = roundTrip(KpiValue.class,
                new KpiValue("mql_age_p50", "1h", Map.of(), 1, 2, 3.5, Double.NaN, Double.NaN, 7));
        assertThat(notRatio.isRatio()).isFalse();
        assertThat(notRatio.sample()).isEqualTo(7);
        assertThat(notRatio.numeratorSquares()).isNaN();
        assertThat(notRatio.denominatorSquares()).isNaN();
    }

    /**
     * The bytes the serializer wrote before the second moments, ending with the sample: its code
     * copied here, so that no change to the current serializer can change what old state holds.
     */
    private static byte[] firstFormat(KpiValue v) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        StringValue.writeString(v.kpi(), out);
        StringValue.writeString(v.window(), out);
        out.writeInt(v.dims().size());
        for (Map.Entry<String, String> d : v.sortedDims().entrySet()) {
            StringValue.writeString(d.getKey(), out);
            StringValue.writeString(d.getValue(), out);
        }
        out.writeLong(v.windowStart());
        out.writeLong(v.windowEnd());
        out.writeDouble(v.value());
        out.writeDouble(v.numerator());
        out.writeDouble(v.denominator());
        out.writeLong(v.sample());
        return out.getCopyOfBuffer();
    }

    private static TypeSerializerSnapshot<KpiValue> readSnapshot(byte[] bytes) throws Exception {
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(bytes),
                ValueSerializersTest.class.getClassLoader());
    }

    @Test
    void kpiValueStateSavedBeforeTheMomentsMigratesWithUnknownMoments() throws Exception {
        TypeSerializerSnapshot<KpiValue> old = readSnapshot(firstFormatSnapshot());
        TypeSerializer<KpiValue> current = TypeInformation.of(KpiValue.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAfterMigration())
                .isTrue();

        KpiValue saved = new KpiValue("churn_rate", "1d", Map.of("tenant", "acme"), 1, 2, 0.05, 20, 400, 400);
        DataInputDeserializer in = new DataInputDeserializer(firstFormat(saved));
        KpiValue restored = old.restoreSerializer().deserialize(in);
        assertThat(in.available()).isZero();
        assertThat(restored).isEqualTo(saved);
        assertThat(restored.numeratorSquares()).isNaN();

        // migrated: written and read again in the current format
        DataOutputSerializer out = new DataOutputSerializer(64);
        current.serialize(restored, out);
        assertThat(current.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(saved);
    }

    @Test
    void kpiValueSnapshotsNameTheFormatTheyDescribe() throws Exception {
        TypeSerializer<KpiValue> current = TypeInformation.of(KpiValue.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        DataOutputSerializer written = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(written, current.snapshotConfiguration());
        TypeSerializerSnapshot<KpiValue> same = readSnapshot(written.getCopyOfBuffer());
        assertThat(same.getCurrentVersion()).isEqualTo(6);
        assertThat(same.restoreSerializer()).isSameAs(current);
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(same).isCompatibleAsIs()).isTrue();

        // the reader of the first format describes itself as version 3, so it restores itself
        TypeSerializer<KpiValue> firstFormat = readSnapshot(firstFormatSnapshot()).restoreSerializer();
        DataOutputSerializer again = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(again, firstFormat.snapshotConfiguration());
        assertThat(readSnapshot(again.getCopyOfBuffer()).restoreSerializer()).isSameAs(firstFormat);

        DataOutputSerializer future = new DataOutputSerializer(64);
        future.writeUTF(KpiValueTypeInfo.Snapshot.class.getName());
        future.writeInt(7);
        assertThatThrownBy(() -> readSnapshot(future.getCopyOfBuffer())).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown format version 7");
    }

    /** What a SimpleTypeSerializerSnapshot under this class name wrote: the name, version 3, nothing else. */
    private static byte[] firstFormatSnapshot() throws Exception {
        DataOutputSerializer snapshot = new DataOutputSerializer(64);
        snapshot.writeUTF(KpiValueTypeInfo.Snapshot.class.getName());
        snapshot.writeInt(3);
        return snapshot.getCopyOfBuffer();
    }

    @Test
    void kpiValueKeepsItsSlices() throws Exception {
        KpiValue value = new KpiValue("nps", "1h", Map.of("tenant", "acme", "segment", "smb"), 1, 2, 25, 1, 4, 4,
                3, 1, 4, List.of(new Slice("product=app", 2, 3, 3, 2, 2, 3),
                new Slice("product=other", -1, 1, 1, 1, -1, 1)));
        KpiValue back = roundTrip(KpiValue.class, value);
        assertThat(back).isEqualTo(value);
        assertThat(back.slices()).extracting(Slice::name).containsExactly("product=app", "product=other");
    }

    /** The bytes of the format with the second moments and before slices (version 4): the first format, then the moments. */
    private static byte[] momentsFormat(KpiValue v) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.write(firstFormat(v));
        out.writeDouble(v.numeratorSquares());
        out.writeDouble(v.crossProducts());
        out.writeDouble(v.denominatorSquares());
        return out.getCopyOfBuffer();
    }

    @Test
    void kpiValueStateSavedBeforeSlicesMigratesWithNone() throws Exception {
        DataOutputSerializer snapshot = new DataOutputSerializer(64);
        snapshot.writeUTF(KpiValueTypeInfo.Snapshot.class.getName());
        snapshot.writeInt(4);
        TypeSerializerSnapshot<KpiValue> old = readSnapshot(snapshot.getCopyOfBuffer());
        TypeSerializer<KpiValue> current = TypeInformation.of(KpiValue.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAfterMigration())
                .isTrue();

        KpiValue saved = new KpiValue("bounce_rate", "1h", Map.of("tenant", "acme", "page", "/p"), 1, 2, 0.4, 2, 5,
                5, 2, 2, 5);
        DataInputDeserializer in = new DataInputDeserializer(momentsFormat(saved));
        KpiValue restored = old.restoreSerializer().deserialize(in);
        assertThat(in.available()).isZero();
        assertThat(restored).isEqualTo(saved);
        assertThat(restored.slices()).isEmpty();
        assertThat(restored.numeratorSquares()).isEqualTo(2);

        DataOutputSerializer out = new DataOutputSerializer(64);
        current.serialize(restored, out);
        assertThat(current.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(saved);
        // the reader of version 4 describes itself as version 4
        assertThat(old.restoreSerializer().snapshotConfiguration().getCurrentVersion()).isEqualTo(4);
    }

    @Test
    void kpiValueKeepsItsExamples() throws Exception {
        Example paid = new Example(7, "c1", List.of(ExampleField.text("plan", "pro"), ExampleField.number("mrr", 49)));
        Example omitted = new Example(5, null, List.of());
        KpiValue value = new KpiValue("bounce_rate", "1h", Map.of("tenant", "acme"), 1, 2, 0.5, 1, 2, 2, 1, 1, 2,
                List.of(new Slice("channel=paid", 1, 1, 1, 1, 1, 1)),
                new Examples(List.of(paid, omitted), Map.of("channel=paid", List.of(paid))));
        assertThat(roundTrip(KpiValue.class, value)).isEqualTo(value);
    }

    @Test
    void kpiValueStateSavedBeforeExamplesMigratesWithNone() throws Exception {
        DataOutputSerializer snapshot = new DataOutputSerializer(64);
        snapshot.writeUTF(KpiValueTypeInfo.Snapshot.class.getName());
        snapshot.writeInt(5);
        TypeSerializerSnapshot<KpiValue> old = readSnapshot(snapshot.getCopyOfBuffer());
        TypeSerializer<KpiValue> current = TypeInformation.of(KpiValue.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(old).isCompatibleAfterMigration())
                .isTrue();
        assertThat(old.restoreSerializer().snapshotConfiguration().getCurrentVersion()).isEqualTo(5);

        KpiValue saved = new KpiValue("bounce_rate", "1h", Map.of("tenant", "acme", "page", "/p"), 1, 2, 0.4, 2, 5,
                5, 2, 2, 5, List.of(new Slice("channel=paid", 2, 5, 5, 2, 2, 5)));
        // version 5 as it was written: the moments format, the slice count, each slice's name and six numbers
        DataOutputSerializer v5 = new DataOutputSerializer(64);
        v5.write(momentsFormat(saved));
        v5.writeInt(1);
        org.apache.flink.types.StringValue.writeString("channel=paid", v5);
        v5.writeDouble(2);
        v5.writeDouble(5);
        v5.writeLong(5);
        v5.writeDouble(2);
        v5.writeDouble(2);
        v5.writeDouble(5);
        DataInputDeserializer in = new DataInputDeserializer(v5.getCopyOfBuffer());
        KpiValue restored = old.restoreSerializer().deserialize(in);
        assertThat(in.available()).isZero();
        assertThat(restored).isEqualTo(saved);
        assertThat(restored.examples()).isEqualTo(Examples.NONE);

        DataOutputSerializer out = new DataOutputSerializer(64);
        current.serialize(restored, out);
        assertThat(current.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(saved);
    }

    private static byte[] bytes(TypeSerializer<WindowAccumulator> serializer, WindowAccumulator acc) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(acc, out);
        return out.getCopyOfBuffer();
    }

    /**
     * What a window of a series costs in state, from the serializer Flink uses for it: 75 bytes
     * unsliced (a flag byte, a null flag per field, six doubles and two longs); a sliced window adds
     * its dimensions (1 + 14 bytes for "channel,device"), the entry count (4), and per combination
     * its key (1 + its chars: a length char and the value per dimension) and 48 bytes of sums.
     */
    @Test
    void aWindowsStateIs75BytesPlusItsSliceTable() throws Exception {
        TypeSerializer<WindowAccumulator> serializer = TypeInformation.of(WindowAccumulator.class)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        WindowAccumulator unsliced = new WindowAccumulator();
        unsliced.add(Aggregation.RATIO, 1, 1, 1, 0);
        assertThat(bytes(serializer, unsliced)).hasSize(75);

        WindowAccumulator sliced = new WindowAccumulator();
        List<String> dims = List.of("channel", "device");
        String[][] combinations = {{"paid", "mobile"}, {"paid", "desktop"}, {"organic", "mobile"},
                {"organic", "desktop"}};
        for (String[] c : combinations) {
            sliced.add(Aggregation.RATIO, 1, 1, 1, 0);
            sliced.addSlice(dims, 32, SliceKey.of(List.of(c)), 1, 1, 1, 1, 1, 1);
        }
        // keys of 12, 13, 15 and 16 chars
        assertThat(bytes(serializer, sliced)).hasSize(75 + 15 + 4 + (13 + 48) + (14 + 48) + (16 + 48) + (17 + 48));

        WindowAccumulator back = serializer.deserialize(new DataInputDeserializer(bytes(serializer, sliced)));
        assertThat(SliceRollup.slices(dims, back.slices)).isEqualTo(SliceRollup.slices(dims, sliced.slices));
        // a copy (the heap backend makes one while a snapshot is taken) does not share the sums
        WindowAccumulator copy = serializer.copy(sliced);
        sliced.addSlice(dims, 32, SliceKey.of(List.of("paid", "mobile")), 1, 1, 1, 1, 1, 1);
        assertThat(SliceRollup.slices(dims, copy.slices)).isEqualTo(SliceRollup.slices(dims, back.slices));
    }

    @Test
    void contributionKeepsEveryField() throws Exception {
        Contribution c = new Contribution("bounce_rate\u001f1h\u001facme", 3, 1_700_000_000_123L, 1, 1, -2.5);
        assertThat(roundTrip(Contribution.class, c)).isEqualTo(c);
        // merged: three events with a = 3, -1, 0 and b = 1 each
        Contribution merged = new Contribution("nps\u001f1h\u001facme", 4, 1_700_000_000_123L, 2, 3, 0, 3, 10, 2, 3);
        assertThat(roundTrip(Contribution.class, merged)).isEqualTo(merged);
        Contribution sliced = new Contribution("nps\u001f1h\u001facme", 4, 1_700_000_000_123L, 2, 3, 0, 3, 10, 2, 3,
                SliceKey.of(List.of("app")));
        assertThat(roundTrip(Contribution.class, sliced)).isEqualTo(sliced);
    }

    @Test
    void oneEventsContributionHasItsOwnSquaresAndProductAsMoments() {
        Contribution c = new Contribution("cpc\u001f1h\u001facme", 0, 1, 2.5, 4, 2.5);
        assertThat(c).extracting(Contribution::samples, Contribution::numeratorSquares, Contribution::crossProducts,
                Contribution::denominatorSquares).containsExactly(1L, 6.25, 10.0, 16.0);
    }
}
