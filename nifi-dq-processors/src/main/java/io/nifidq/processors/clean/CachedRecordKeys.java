package io.nifidq.processors.clean;

import io.nifidq.quality.clean.SharedRecordKeys;
import org.apache.nifi.distributed.cache.client.DistributedMapCacheClient;
import org.apache.nifi.distributed.cache.client.Serializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Record keys kept in a NiFi DistributedMapCacheClient as "prefix:hex" keys with an empty value. */
final class CachedRecordKeys implements SharedRecordKeys {

    private static final Serializer<String> UTF8 = (value, out) -> out.write(value.getBytes(StandardCharsets.UTF_8));

    private final DistributedMapCacheClient cache;
    private final String prefix;

    CachedRecordKeys(final DistributedMapCacheClient cache, final String prefix) {
        this.cache = cache;
        this.prefix = prefix;
    }

    @Override
    public boolean contains(final long key) throws IOException {
        return cache.containsKey(cacheKey(key), UTF8);
    }

    @Override
    public void addAll(final long[] keys) throws IOException {
        final Map<String, String> entries = new LinkedHashMap<>();
        for (final long key : keys) {
            entries.put(cacheKey(key), "");
        }
        cache.putAll(entries, UTF8, UTF8);
    }

    String cacheKey(final long key) {
        return prefix + ":" + HexFormat.of().toHexDigits(key);
    }
}
