package dev.redflag.kpi;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written serializers are the ones Flink picks, and they round-trip every field. */
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
        KpiValue value = new KpiValue("bounce_rate", "1d/1h", dims, 1, 2, 0.4, 2, 5, 5);
        KpiValue back = roundTrip(KpiValue.class, value);
        assertThat(back).isEqualTo(value);
        assertThat(back.dims()).isInstanceOf(TreeMap.class);
        assertThat(back.dims().keySet()).containsExactly("page", "tenant");
        KpiValue notRatio = roundTrip(KpiValue.class,
                new KpiValue("mql_age_p50", "1h", Map.of(), 1, 2, 3.5, Double.NaN, Double.NaN, 7));
        assertThat(notRatio.isRatio()).isFalse();
        assertThat(notRatio.sample()).isEqualTo(7);
    }

    @Test
    void contributionKeepsEveryField() throws Exception {
        Contribution c = new Contribution("bounce_rate\u001f1h\u001facme", 3, 1_700_000_000_123L, 1, 1, -2.5);
        assertThat(roundTrip(Contribution.class, c)).isEqualTo(c);
    }
}
