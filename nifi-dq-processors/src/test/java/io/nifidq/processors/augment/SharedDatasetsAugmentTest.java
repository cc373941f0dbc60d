package io.nifidq.processors.augment;

import com.opencsv.CSVReader;
import io.nifidq.processors.augment.AugmentChoices.AugmentationModeChoice;
import io.nifidq.testing.SharedDatasets;
import io.nifidq.processors.common.TestReaders;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AugmentText on the real weka_reuters data (see its PROVENANCE.md: split_grain/train.csv has 103 grain texts of 1,554). */
class SharedDatasetsAugmentTest {

    @Test
    void rebalancingSplitGrainToOneGivesEqualClasses() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(AugmentText.class);
        TestReaders.useCsvReader(runner);
        TestReaders.useRfc4180CsvWriter(runner, AugmentProperties.RECORD_WRITER);
        runner.setProperty(AugmentProperties.TEXT_FIELD, "text");
        runner.setProperty(AugmentProperties.LABEL_FIELD, "label");
        runner.setProperty(AugmentProperties.MODE, AugmentationModeChoice.REBALANCE.getValue());
        runner.setProperty(AugmentProperties.TARGET_CLASS_SHARE, "1.0");
        runner.enqueue(SharedDatasets.file("weka_reuters/split_grain/train.csv"));
        runner.run();
        runner.assertAllFlowFilesTransferred(AugmentText.REL_SUCCESS, 1);
        final MockFlowFile out = runner.getFlowFilesForRelationship(AugmentText.REL_SUCCESS).getFirst();

        out.assertAttributeEquals("dq.records.in", "1554");
        out.assertAttributeEquals("dq.augment.class.0.before", "1451");
        out.assertAttributeEquals("dq.augment.class.1.before", "103");
        out.assertAttributeEquals("dq.augment.class.0.after", "1451");
        out.assertAttributeEquals("dq.augment.class.1.after", "1451");
        out.assertAttributeEquals("dq.augment.generated", "1348");
        out.assertAttributeEquals("record.count", "2902");
        out.assertAttributeEquals("dq.augment.language.english", "103");

        // Count what was written, not what the attributes claim.
        final Map<String, Integer> perClass = new HashMap<>();
        final Map<String, Integer> augmentedPerClass = new HashMap<>();
        try (CSVReader csv = new CSVReader(new StringReader(out.getContent()))) {
            final String[] header = csv.readNext();
            assertEquals("text,label,dq_augmented,dq_source_index", String.join(",", header));
            String[] row;
            while ((row = csv.readNext()) != null) {
                perClass.merge(row[1], 1, Integer::sum);
                if (Boolean.parseBoolean(row[2])) {
                    augmentedPerClass.merge(row[1], 1, Integer::sum);
                }
            }
        }
        assertEquals(Map.of("0", 1451, "1", 1451), perClass);
        assertEquals(Map.of("1", 1348), augmentedPerClass);
    }
}
