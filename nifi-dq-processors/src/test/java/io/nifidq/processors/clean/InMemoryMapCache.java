package io.nifidq.processors.clean;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.distributed.cache.client.Deserializer;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.distributed.cache.client.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A DistributedMapCacheClient over a map in this JVM, with a switch that makes writes fail, and a probe asked at every
 * write whether the processor's session was already committed (the answers are kept in order). NiFi 2.x
 * ships its map cache client and server only inside their NAR (no jar on Maven Central), so the
 * processor tests use this, as NiFi's own DetectDuplicate tests use a client of their own; the
 * serializers the processor passes are exercised for real.
 */
class InMemoryMapCache extends AbstractControllerService implements DistributedMapCacheClient {

    final Map<ByteBuffer, byte[]> entries = new ConcurrentHashMap<>();
    final List<Boolean> committedAtEachWrite = new CopyOnWriteArrayList<>();
    volatile boolean failWrites;
    volatile BooleanSupplier sessionCommitted = () -> true;

    private static <T> ByteBuffer bytes(final T value, final Serializer<T> serializer) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.serialize(value, out);
        return ByteBuffer.wrap(out.toByteArray());
    }

    private void checkWritable() throws IOException {
        committedAtEachWrite.add(sessionCommitted.getAsBoolean());
        if (failWrites) {
            throw new IOException("cache server unreachable");
        }
    }

    @Override
    public <K, V> boolean putIfAbsent(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer)
            throws IOException {
        checkWritable();
        return entries.putIfAbsent(bytes(key, keySerializer), bytes(value, valueSerializer).array()) == null;
    }

    @Override
    public <K, V> V getAndPutIfAbsent(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer,
                                      final Deserializer<V> valueDeserializer) throws IOException {
        checkWritable();
        final byte[] previous = entries.putIfAbsent(bytes(key, keySerializer), bytes(value, valueSerializer).array());
        return previous == null ? null : valueDeserializer.deserialize(previous);
    }

    @Override
    public <K> boolean containsKey(final K key, final Serializer<K> keySerializer) throws IOException {
        return entries.containsKey(bytes(key, keySerializer));
    }

    @Override
    public <K, V> void put(final K key, final V value, final Serializer<K> keySerializer, final Serializer<V> valueSerializer) throws IOException {
        checkWritable();
        entries.put(bytes(key, keySerializer), bytes(value, valueSerializer).array());
    }

    @Override
    public <K, V> V get(final K key, final Serializer<K> keySerializer, final Deserializer<V> valueDeserializer) throws IOException {
        final byte[] value = entries.get(bytes(key, keySerializer));
        return value == null ? null : valueDeserializer.deserialize(value);
    }

    @Override
    public void close() {
    }

    @Override
    public <K> boolean remove(final K key, final Serializer<K> serializer) throws IOException {
        return entries.remove(bytes(key, serializer)) != null;
    }
}
