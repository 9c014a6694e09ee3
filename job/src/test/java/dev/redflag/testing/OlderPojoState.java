package dev.redflag.testing;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A POJO kept in Flink state by an older version of its class, which had only some of its fields,
 * brought back the way Flink restores it after the class gained fields: Flink's own POJO serializer
 * writes the value and its snapshot with the old fields only, the current serializer judges the
 * old snapshot compatible after migration, the old snapshot's serializer reads the value, and the
 * current serializer writes and reads it again.
 */
public final class OlderPojoState {

    private OlderPojoState() {
    }

    /** {@code value} as it comes back from state written when its class had only {@code oldFields}. */
    public static <T> T restore(Class<T> type, T value, String... oldFields) throws IOException {
        SerializerConfig config = new ExecutionConfig().getSerializerConfig();
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).as("Flink stores %s as a POJO", type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<T> pojo = (PojoTypeInfo<T>) info;
        Field[] fields = new Field[oldFields.length];
        TypeSerializer<?>[] serializers = new TypeSerializer<?>[oldFields.length];
        for (int i = 0; i < oldFields.length; i++) {
            int index = pojo.getFieldIndex(oldFields[i]);
            assertThat(index).as("field %s", oldFields[i]).isNotNegative();
            PojoField field = pojo.getPojoFieldAt(index);
            fields[i] = field.getField();
            serializers[i] = field.getTypeInformation().createSerializer(config);
        }
        PojoSerializer<T> old = new PojoSerializer<>(type, serializers, fields, config);
        DataOutputSerializer state = new DataOutputSerializer(256);
        old.serialize(value, state);
        DataOutputSerializer snapshot = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshot, old.snapshotConfiguration());

        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshot.getCopyOfBuffer()), type.getClassLoader());
        TypeSerializer<T> current = info.createSerializer(config);
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAfterMigration())
                .as("the added fields migrate").isTrue();
        T read = restored.restoreSerializer().deserialize(new DataInputDeserializer(state.getCopyOfBuffer()));
        DataOutputSerializer migrated = new DataOutputSerializer(256);
        current.serialize(read, migrated);
        return current.deserialize(new DataInputDeserializer(migrated.getCopyOfBuffer()));
    }
}
