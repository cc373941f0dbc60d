package io.nifidq.processors.common;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.csv.CSVReader;
import org.apache.nifi.csv.CSVRecordSetWriter;
import org.apache.nifi.csv.CSVUtils;
import org.apache.nifi.json.JsonRecordSetWriter;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.schema.access.SchemaAccessUtils;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.util.Map;

/** NiFi's real record readers and writers, configured the way flows usually use them. */
public final class TestReaders {

    public static final String READER_ID = "reader";
    public static final String WRITER_ID = "writer";
    public static final String JSON_WRITER_ID = "json-writer";

    private TestReaders() {
    }

    /** A runner of the processor reading with {@link #useCsvReader}, and writing with {@link #useCsvWriter} when it writes records. */
    public static TestRunner csvRunner(final Class<? extends Processor> processor) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(processor);
        useCsvReader(runner);
        runner.getProcessor().getPropertyDescriptors().stream().filter(d -> d.getName().equals("Record Writer")).findFirst()
                .ifPresent(writer -> useCsvWriterOn(runner, writer));
        return runner;
    }

    /** A {@link #csvRunner} with the processor's Text Field and Label Field set to these values. */
    public static TestRunner csvRunner(final Class<? extends Processor> processor, final String textField, final String labelField)
            throws InitializationException {
        final TestRunner runner = csvRunner(processor);
        runner.setProperty("Text Field", textField);
        runner.setProperty("Label Field", labelField);
        return runner;
    }

    private static void useCsvWriterOn(final TestRunner runner, final PropertyDescriptor writerProperty) {
        try {
            useCsvWriter(runner, writerProperty);
        } catch (final InitializationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JsonRecordSetWriter with its defaults, as the processor's Record Writer. */
    public static void useJsonWriter(final TestRunner runner) throws InitializationException {
        addEnabled(runner, JSON_WRITER_ID, new JsonRecordSetWriter(), Map.of());
        runner.setProperty("Record Writer", JSON_WRITER_ID);
    }

    /**
     * A CSVReader for RFC 4180 files (no backslash escapes) that takes field names from the header line and
     * reads every value as a string, untrimmed (the reader trims by default, which would hide surrounding
     * whitespace from the profile).
     */
    public static void useCsvReader(final TestRunner runner) throws InitializationException {
        addCsvReader(runner);
        runner.setProperty("Record Reader", READER_ID);
    }

    /**
     * The CSVReader of {@link #useCsvReader}, added and enabled as {@link #READER_ID} but not set on the processor (for
     * processors whose reader property has another name, such as ConvertRecord's).
     */
    public static void addCsvReader(final TestRunner runner) throws InitializationException {
        addEnabled(runner, READER_ID, new CSVReader(), Map.of(SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, "csv-header-derived",
                CSVUtils.FIRST_LINE_IS_HEADER, "true", CSVUtils.TRIM_FIELDS, "false", CSVUtils.CSV_FORMAT, CSVUtils.RFC_4180.getValue()));
    }

    /** A CSVRecordSetWriter with a header line and NiFi's default format (LF line ends, backslash escapes). */
    public static void useCsvWriter(final TestRunner runner, final PropertyDescriptor writerProperty) throws InitializationException {
        addEnabled(runner, WRITER_ID, new CSVRecordSetWriter(), Map.of());
        runner.setProperty(writerProperty, WRITER_ID);
    }

    /** A CSVRecordSetWriter for RFC 4180 files (CRLF line ends, quotes doubled), which {@link #useCsvReader} reads back. */
    public static void useRfc4180CsvWriter(final TestRunner runner, final PropertyDescriptor writerProperty) throws InitializationException {
        addEnabled(runner, WRITER_ID, new CSVRecordSetWriter(), Map.of(CSVUtils.CSV_FORMAT, CSVUtils.RFC_4180.getValue()));
        runner.setProperty(writerProperty, WRITER_ID);
    }

    /** A CSVReader that infers field types from the data (NiFi's default schema access strategy). */
    public static void useTypeInferringCsvReader(final TestRunner runner) throws InitializationException {
        addEnabled(runner, READER_ID, new CSVReader(), Map.of(CSVUtils.FIRST_LINE_IS_HEADER, "true"));
        runner.setProperty("Record Reader", READER_ID);
    }

    public static void useJsonReader(final TestRunner runner) throws InitializationException {
        addJsonReader(runner);
        runner.setProperty("Record Reader", READER_ID);
    }

    /** A JsonTreeReader with its defaults (schema inferred), added and enabled as {@link #READER_ID} but not set on the processor. */
    public static void addJsonReader(final TestRunner runner) throws InitializationException {
        addEnabled(runner, READER_ID, new JsonTreeReader(), Map.of());
    }

    /** Adds the service under {@code id} with these properties and enables it. */
    private static void addEnabled(final TestRunner runner, final String id, final ControllerService service,
                                   final Map<PropertyDescriptor, String> properties) throws InitializationException {
        runner.addControllerService(id, service);
        properties.forEach((property, value) -> runner.setProperty(service, property, value));
        runner.enableControllerService(service);
    }
}
