package io.nifidq.quality.clean;

import java.io.IOException;

/**
 * Record keys remembered across batches, so that a record is a duplicate of one cleaned in an
 * earlier batch (an earlier FlowFile, another node) too. Keys are 64-bit hashes of a record's
 * duplicate-key fields. A cleaner asks for each record whether the key is known, and adds the keys
 * of the records it kept only after the whole batch was written, so that a batch that fails leaves
 * no keys behind and is cleaned the same way when it is retried.
 */
public interface SharedRecordKeys {

    boolean contains(long key) throws IOException;

    void addAll(long[] keys) throws IOException;
}
