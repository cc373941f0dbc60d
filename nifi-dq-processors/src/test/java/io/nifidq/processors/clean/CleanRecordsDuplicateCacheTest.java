package io.nifidq.processors.clean;

import io.nifidq.processors.common.TestReaders;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockSessionFactory;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.nifidq.processors.clean.CleanRuns.clean;
import static io.nifidq.processors.clean.CleanRuns.cleaned;
import static io.nifidq.processors.clean.CleanRuns.rejectedContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CleanRecords with a Distributed Duplicate Cache: exact duplicates across FlowFiles, and when their keys are stored. */
class CleanRecordsDuplicateCacheTest {

    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        runner = TestReaders.csvRunner(CleanRecords.class);
    }

    private InMemoryMapCache useDuplicateCache() throws Exception {
        final InMemoryMapCache cache = new InMemoryMapCache();
        runner.addControllerService("cache", cache);
        runner.enableControllerService(cache);
        runner.setProperty(CleanProperties.DUPLICATE_CACHE, "cache");
        return cache;
    }

    @Test
    void withADistributedCacheARecordKeptFromAnEarlierFlowFileIsRejected() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        clean(runner, """
                id,city
                1,Paris
                2,Lyon
                """);
        assertEquals(2, cache.entries.size(), "the keys of the two kept records are shared");
        runner.clearTransferState();
        clean(runner, """
                id,city
                2,Lyon
                3,Nice
                """);
        cleaned(runner).assertContentEquals("""
                id,city
                3,Nice
                """);
        cleaned(runner).assertAttributeEquals("dq.clean.duplicates.earlier", "1");
        assertEquals("""
                id,city,dq_reject_reason
                2,Lyon,duplicates: exact duplicate of a record kept from an earlier FlowFile
                """, rejectedContent(runner));
        assertEquals(3, cache.entries.size());
    }

    @Test
    void keysAreStoredOnlyAfterTheCleanedFlowFileIsCommitted() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        cache.sessionCommitted = this::everySessionCommitted;
        clean(runner, """
                id,city
                1,Paris
                2,Lyon
                """);
        assertEquals(2, cache.entries.size());
        assertEquals(List.of(true, true), cache.committedAtEachWrite, "each of the two keys written after the commit");
    }

    @Test
    void aFlowFileThatFailsStoresNoKey() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        runner.enqueue("id,city\n1,Paris\n\"unclosed\n");
        runner.run();
        runner.assertAllFlowFilesTransferred(CleanRecords.REL_FAILURE, 1);
        assertEquals(0, cache.entries.size(), "the record read before the error was never written");
        assertEquals(List.of(), cache.committedAtEachWrite);
    }

    @Test
    void keysThatCannotBeStoredAfterTheCommitLeaveTheCleanedRecordsOnSuccessAndLogAnError() throws Exception {
        final InMemoryMapCache cache = useDuplicateCache();
        final String csv = """
                id,city
                1,Paris
                1,Paris
                """;
        cache.failWrites = true;
        clean(runner, csv);
        cleaned(runner).assertAttributeEquals("record.count", "1");
        cleaned(runner).assertAttributeEquals("dq.clean.duplicates.exact", "1");
        assertEquals(0, cache.entries.size());
        assertEquals(1, runner.getLogger().getErrorMessages().size());
        assertTrue(runner.getLogger().getErrorMessages().getFirst().getMsg().contains("could not be stored in the Distributed Map Cache"),
                runner.getLogger().getErrorMessages().getFirst().getMsg());
        runner.clearTransferState();
        cache.failWrites = false;
        clean(runner, "id,city\n1,Paris\n");
        cleaned(runner).assertAttributeEquals("record.count", "1");
        cleaned(runner).assertAttributeNotExists("dq.clean.duplicates.earlier");
    }

    private boolean everySessionCommitted() {
        return ((MockSessionFactory) runner.getProcessSessionFactory()).getCreatedSessions().stream().allMatch(session -> {
            try {
                session.assertCommitted();
                return true;
            } catch (final AssertionError notCommitted) {
                return false;
            }
        });
    }

    @Test
    void cacheKeyPrefixesKeepDataSetsApart() throws Exception {
        useDuplicateCache();
        runner.setProperty(CleanProperties.DUPLICATE_CACHE_PREFIX, "${dataset}");
        clean(runner, "id\n7\n", Map.of("dataset", "orders"));
        runner.clearTransferState();
        clean(runner, "id\n7\n", Map.of("dataset", "returns"));
        cleaned(runner).assertAttributeEquals("record.count", "1");
        runner.clearTransferState();
        clean(runner, "id\n7\n", Map.of("dataset", "orders"));
        cleaned(runner).assertAttributeEquals("record.count", "0");
    }
}
