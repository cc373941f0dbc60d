package io.nifidq.benchmarks;

import io.nifidq.benchmarks.SyntheticRecords.Shape;
import io.nifidq.quality.hash.LongHashSet;
import io.nifidq.quality.profile.DatasetProfile;
import io.nifidq.quality.profile.ProfileReport;
import io.nifidq.quality.profile.ProfileSettings;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * Runs in its own JVM (MemoryBenchmark starts it): feeds one DatasetProfile the given number of synthetic
 * records and prints, as key=value lines, the heap used after GC before and after, and what the profile says
 * its duplicate structures hold.
 */
public final class ProfileMemoryProbe {

    /** What is profiled: the record shape and the ProfileQuality settings. */
    enum Kind {
        TABULAR("tabular", Shape.ADULT_LIKE, null, null),
        TEXT("text", Shape.TEXT_WITH_LABEL, "text", null),
        TEXT_LABEL("text-label", Shape.TEXT_WITH_LABEL, "text", "label");

        final String key;
        final Shape shape;
        final String textField;
        final String labelField;

        Kind(final String key, final Shape shape, final String textField, final String labelField) {
            this.key = key;
            this.shape = shape;
            this.textField = textField;
            this.labelField = labelField;
        }

        static Kind byKey(final String key) {
            return Keyed.byKey(Kind.class, kind -> kind.key, key, "kind");
        }
    }

    private ProfileMemoryProbe() {
    }

    public static void main(final String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: ProfileMemoryProbe <tabular|text|text-label> <records>");
            System.exit(2);
        }
        final Kind kind = Kind.byKey(args[0]);
        final long records = Long.parseLong(args[1]);
        final SyntheticRecords source = new SyntheticRecords(kind.shape, 42);
        final DatasetProfile profile = new DatasetProfile(ProfileSettings.defaults(kind.textField, kind.labelField));

        final long before = heapUsedAfterGc();
        final long start = System.nanoTime();
        for (long i = 0; i < records; i++) {
            profile.add(source.next());
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long after = heapUsedAfterGc();
        final long duplicateBytes = profile.duplicateStructureBytes();
        final long distinct = profile.recordCount() - profile.exactDuplicates();

        final long reportStart = System.nanoTime();
        final ProfileReport report = profile.report();
        final double reportSeconds = (System.nanoTime() - reportStart) / 1e9;

        System.out.println("kind=" + kind.key);
        System.out.println("records=" + profile.recordCount());
        System.out.println("distinct_records=" + distinct);
        System.out.println("near_duplicates=" + profile.nearDuplicates());
        System.out.println("heap_before=" + before);
        System.out.println("heap_after=" + after);
        System.out.println("duplicate_structure_bytes=" + duplicateBytes);
        System.out.println("record_key_bytes_per_distinct_max=" + LongHashSet.MAX_BYTES_PER_KEY);
        System.out.println("add_seconds=" + seconds);
        System.out.println("report_seconds=" + reportSeconds);
        System.out.println("report_fields=" + report.fields().size());
        final ProfileReport.NearDuplicates near = report.duplicates().nearDuplicates();
        System.out.println("near_duplicate_index_bytes=" + (near == null ? 0 : near.indexedTexts() * near.bytesPerIndexedText()));
        System.out.println("label_conflict_bytes=" + profile.labelConflictBytes());
        System.out.println("label_noise_sample_bytes=" + profile.labelNoiseSampleBytes());
        System.out.println("near_duplicate_indexed=" + (near == null ? 0 : near.indexedTexts()));
        Reference.reachabilityFence(profile);
        Reference.reachabilityFence(source);
    }

    /**
     * Heap used after a few full collections. MemoryBenchmark runs this JVM with the serial collector, whose used
     * bytes are exact (G1 rounds humongous objects, such as the record-key table, up to whole regions).
     */
    static long heapUsedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
