package io.nifidq.benchmarks;

import io.nifidq.benchmarks.BenchmarkDataGenerator.Format;
import io.nifidq.processors.classify.ClassifyProperties;
import io.nifidq.processors.classify.ClassifyText;
import io.nifidq.processors.clean.CleanProperties;
import io.nifidq.processors.clean.CleanRecords;
import io.nifidq.processors.common.TestReaders;
import io.nifidq.processors.profile.ProfileProperties;
import io.nifidq.processors.profile.ProfileQuality;
import io.nifidq.service.DjlTextClassifierService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.csv.CSVRecordSetWriter;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.processors.standard.ConvertRecord;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.file.Path;

/**
 * The one TestRunner setup both processors share: NiFi's real CSVReader (the processor tests' own, from
 * {@link TestReaders}: header-derived schema, strings, untrimmed, RFC 4180) or JsonTreeReader (schema inferred),
 * and for ConvertRecord the matching CSVRecordSetWriter or JsonRecordSetWriter with their defaults.
 */
final class ProcessorRunners {

    static final String READER_ID = TestReaders.READER_ID;
    static final String WRITER_ID = "writer";

    private ProcessorRunners() {
    }

    static TestRunner convertRecord(final Format format) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ConvertRecord.class);
        addReader(runner, format);
        final var writer = format == Format.CSV ? new CSVRecordSetWriter() : new JsonRecordSetWriter();
        runner.addControllerService(WRITER_ID, writer);
        runner.enableControllerService(writer);
        runner.setProperty(descriptor(runner, "Record Reader"), READER_ID);
        runner.setProperty(descriptor(runner, "Record Writer"), WRITER_ID);
        runner.assertValid();
        return runner;
    }

    /** The floor: the same reader, every record read, nothing written. */
    static TestRunner readRecordsOnly(final Format format) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ReadRecordsOnly.class);
        addReader(runner, format);
        runner.setProperty(ReadRecordsOnly.RECORD_READER, READER_ID);
        runner.assertValid();
        return runner;
    }

    /**
     * ProfileQuality with its defaults; textField and labelField may be null (tabular data). A non-null
     * nearDuplicateLimit replaces the default Near-Duplicate Index Limit (0 turns near-duplicate detection off).
     */
    static TestRunner profileQuality(final Format format, final String textField, final String labelField,
                                     final Integer nearDuplicateLimit) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ProfileQuality.class);
        addReader(runner, format);
        runner.setProperty(ProfileProperties.RECORD_READER, READER_ID);
        if (textField != null) {
            runner.setProperty(ProfileProperties.TEXT_FIELD, textField);
        }
        if (labelField != null) {
            runner.setProperty(ProfileProperties.LABEL_FIELD, labelField);
        }
        if (textField != null && nearDuplicateLimit != null) {
            runner.setProperty(ProfileProperties.NEAR_DUPLICATE_INDEX_LIMIT, nearDuplicateLimit.toString());
        }
        runner.assertValid();
        return runner;
    }

    /** A runner of the processor with the benchmark's reader registered (the processor's properties are the caller's). */
    static TestRunner readerOnly(final Class<? extends org.apache.nifi.processor.Processor> processor, final Format format)
            throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        addReader(runner, format);
        return runner;
    }

    /**
     * CleanRecords with every step on, as BENCHMARKS.md asks. Tabular data (no text field): null tokens,
     * whitespace and Unicode repairs of the categorical fields, missing values filled with the mode,
     * IQR outliers clipped and z-score standardisation of the numeric fields, exact duplicates. Text data:
     * every text repair, case-insensitive labels, label conflicts by majority, text length bounds, exact
     * and near duplicates. Coercion to the reader's schema runs in both.
     */
    static TestRunner cleanRecords(final Format format, final String textField, final String labelField,
                                   final Integer nearDuplicateLimit) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(CleanRecords.class);
        addReader(runner, format);
        final var writer = format == Format.CSV ? new CSVRecordSetWriter() : new JsonRecordSetWriter();
        runner.addControllerService(WRITER_ID, writer);
        runner.enableControllerService(writer);
        runner.setProperty(CleanProperties.RECORD_READER, READER_ID);
        runner.setProperty(CleanProperties.RECORD_WRITER, WRITER_ID);
        if (textField == null) {
            runner.setProperty(CleanProperties.NORMALIZED_FIELDS, "workclass,education,marital_status,occupation,relationship,race,sex,"
                    + "native_country,income");
            runner.setProperty(CleanProperties.MISSING_VALUES, "MODE");
            runner.setProperty(CleanProperties.MISSING_VALUE_FIELDS, "workclass,occupation,native_country");
            runner.setProperty(CleanProperties.OUTLIER_METHOD, "IQR");
            runner.setProperty(CleanProperties.OUTLIER_FIELDS, "age,hours_per_week");
            runner.setProperty(CleanProperties.STANDARDIZATION, "Z_SCORE");
            runner.setProperty(CleanProperties.STANDARDIZED_FIELDS, "age,hours_per_week,education_num");
        } else {
            runner.setProperty(CleanProperties.TEXT_FIELD, textField);
            runner.setProperty(CleanProperties.LABEL_FIELD, labelField);
            runner.setProperty(CleanProperties.REMOVE_NEAR_DUPLICATES, "true");
            if (nearDuplicateLimit != null) {
                runner.setProperty(CleanProperties.NEAR_DUPLICATE_INDEX_LIMIT, nearDuplicateLimit.toString());
            }
        }
        runner.assertValid();
        return runner;
    }

    /** ClassifyText with a DjlTextClassifierService serving the model store, defaults otherwise (no top-k, no threshold). */
    static TestRunner classifyText(final Format format, final String textField, final Path modelDirectory) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(ClassifyText.class);
        addReader(runner, format);
        final var writer = format == Format.CSV ? new CSVRecordSetWriter() : new JsonRecordSetWriter();
        runner.addControllerService(WRITER_ID, writer);
        runner.enableControllerService(writer);
        final DjlTextClassifierService service = new DjlTextClassifierService();
        runner.addControllerService("classifier", service);
        runner.setProperty(service, DjlTextClassifierService.MODEL_DIRECTORY, modelDirectory.toString());
        runner.enableControllerService(service);
        runner.setProperty(ClassifyProperties.RECORD_READER, READER_ID);
        runner.setProperty(ClassifyProperties.RECORD_WRITER, WRITER_ID);
        runner.setProperty(ClassifyProperties.CLASSIFIER, "classifier");
        runner.setProperty(ClassifyProperties.TEXT_FIELD, textField);
        runner.assertValid();
        return runner;
    }

    private static void addReader(final TestRunner runner, final Format format) throws InitializationException {
        if (format == Format.CSV) {
            TestReaders.addCsvReader(runner);
        } else {
            TestReaders.addJsonReader(runner);
        }
    }

    /** ConvertRecord's descriptors are package-private: find them by their (display) name. */
    private static PropertyDescriptor descriptor(final TestRunner runner, final String name) {
        return runner.getProcessor().getPropertyDescriptors().stream()
                .filter(d -> d.getName().equals(name) || d.getDisplayName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        runner.getProcessor().getClass().getSimpleName() + " has no property '" + name + "'"));
    }
}
