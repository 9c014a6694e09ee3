package dev.redflag.flinktypes;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Snapshot of an {@link ImmutableValueSerializer} whose format has changed: it has no payload, and
 * its version is the version of the format the state was written in. {@link #restoreSerializer()}
 * hands back a serializer that reads that format, and a snapshot of an older format resolves as
 * compatible after migration, so Flink reads old state with the old reader and writes it anew in
 * the latest format.
 *
 * <p>Versions continue those of {@link SimpleTypeSerializerSnapshot}, which a serializer's first
 * format is snapshotted with: it writes no payload and version {@value #FIRST_FORMAT}. A serializer
 * that moves to this class keeps its snapshot class name, so state saved before the move reads as
 * version {@value #FIRST_FORMAT}, and later formats count from {@value #FIRST_FORMAT} + 1.
 */
public abstract class VersionedValueSnapshot<T> implements TypeSerializerSnapshot<T> {

    /** The version {@link SimpleTypeSerializerSnapshot} writes: a serializer's first format. */
    public static final int FIRST_FORMAT = 3;

    private final int latest;
    private int version;

    /** A snapshot of the latest format, {@code latest}; Flink's no-arg instantiation then reads the real one. */
    protected VersionedValueSnapshot(int latest) {
        this(latest, latest);
    }

    /** A snapshot of the format of {@code version}, for the serializer that reads an old format. */
    protected VersionedValueSnapshot(int latest, int version) {
        if (latest <= FIRST_FORMAT) {
            throw new IllegalArgumentException("formats after the first count from " + (FIRST_FORMAT + 1));
        }
        this.latest = latest;
        this.version = checked(version);
    }

    /** A serializer that reads the format of {@code version}, one of {@value #FIRST_FORMAT} .. latest. */
    protected abstract TypeSerializer<T> serializerFor(int version);

    /** The format this snapshot describes; with no payload, also the version it is written with. */
    @Override
    public final int getCurrentVersion() {
        return version;
    }

    @Override
    public final void writeSnapshot(DataOutputView out) {
    }

    @Override
    public final void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        try {
            version = checked(readVersion);
        } catch (IllegalArgumentException e) {
            throw new IOException(getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final TypeSerializer<T> restoreSerializer() {
        return serializerFor(version);
    }

    @Override
    public final TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        if (old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        return ((VersionedValueSnapshot<T>) old).version == version
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }

    private int checked(int v) {
        if (v < FIRST_FORMAT || v > latest) {
            throw new IllegalArgumentException("unknown format version " + v + ", known: " + FIRST_FORMAT
                    + " to " + latest);
        }
        return v;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((VersionedValueSnapshot<?>) o).version == version;
    }

    @Override
    public final int hashCode() {
        return 31 * getClass().hashCode() + version;
    }
}
