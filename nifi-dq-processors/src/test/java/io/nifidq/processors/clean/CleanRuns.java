package io.nifidq.processors.clean;

import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs of CleanRecords under test, and the invariant every run must keep. */
final class CleanRuns {

    private CleanRuns() {
    }

    /** Runs one FlowFile and checks the invariant of every run: records in = records out + records rejected. */
    static void clean(final TestRunner runner, final String csv) {
        clean(runner, csv, Map.of());
    }

    static void clean(final TestRunner runner, final String csv, final Map<String, String> attributes) {
        runner.enqueue(csv, attributes);
        runner.run();
        runner.assertTransferCount(CleanRecords.REL_SUCCESS, 1);
        runner.assertTransferCount(CleanRecords.REL_FAILURE, 0);
        final MockFlowFile cleaned = cleaned(runner);
        final long in = Long.parseLong(cleaned.getAttribute("dq.records.in"));
        final long out = Long.parseLong(cleaned.getAttribute("record.count"));
        final long rejected = Long.parseLong(cleaned.getAttribute("dq.records.rejected"));
        assertEquals(in, out + rejected, "records in = records out + records rejected");
        final List<MockFlowFile> rejects = runner.getFlowFilesForRelationship(CleanRecords.REL_REJECTED);
        assertEquals(rejected == 0 ? 0 : 1, rejects.size());
        if (rejected > 0) {
            rejects.getFirst().assertAttributeEquals("record.count", String.valueOf(rejected));
        }
    }

    /** The one cleaned FlowFile of the last run. */
    static MockFlowFile cleaned(final TestRunner runner) {
        return runner.getFlowFilesForRelationship(CleanRecords.REL_SUCCESS).getFirst();
    }

    /** The content of the one rejected FlowFile of the last run. */
    static String rejectedContent(final TestRunner runner) {
        return runner.getFlowFilesForRelationship(CleanRecords.REL_REJECTED).getFirst().getContent();
    }
}
