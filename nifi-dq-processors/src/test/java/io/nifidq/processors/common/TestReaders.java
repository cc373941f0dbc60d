package io.nifidq.processors.common;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.csv.CSVReader;
import org.apache.nifi.csv.CSVRecordSetWriter;
import org.apache.nifi.csv.CSVUtils;
import org.apache.nifi.json.JsonTreeReader;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.schema.access.SchemaAccessUtils;
import org.apache.nifi.util.TestRunner;

/** NiFi's real record readers, configured the way flows usually use them. */
public final class TestReaders {

    public static final String READER_ID = "reader";
    public static final String WRITER_ID = "writer";

    private TestReaders() {
    }

    /**
     * A CSVReader for RFC 4180 files (no backslash escapes) that takes field names from the header line and
     * reads every value as a string, untrimmed (the reader trims by default, which would hide surrounding
     * whitespace from the profile).
     */
    public static void useCsvReader(final TestRunner runner) throws InitializationException {
        final CSVReader reader = new CSVReader();
        runner.addControllerService(READER_ID, reader);
        runner.setProperty(reader, SchemaAccessUtils.SCHEMA_ACCESS_STRATEGY, "csv-header-derived");
        runner.setProperty(reader, CSVUtils.FIRST_LINE_IS_HEADER, "true");
        runner.setProperty(reader, CSVUtils.TRIM_FIELDS, "false");
        runner.setProperty(reader, CSVUtils.CSV_FORMAT, CSVUtils.RFC_4180);
        runner.enableControllerService(reader);
        runner.setProperty("Record Reader", READER_ID);
    }

    /** A CSVRecordSetWriter with a header line and NiFi's default format (LF line ends, backslash escapes). */
    public static void useCsvWriter(final TestRunner runner, final PropertyDescriptor writerProperty) throws InitializationException {
        final CSVRecordSetWriter writer = new CSVRecordSetWriter();
        runner.addControllerService(WRITER_ID, writer);
        runner.enableControllerService(writer);
        runner.setProperty(writerProperty, WRITER_ID);
    }

    /** A CSVRecordSetWriter for RFC 4180 files (CRLF line ends, quotes doubled), which {@link #useCsvReader} reads back. */
    public static void useRfc4180CsvWriter(final TestRunner runner, final PropertyDescriptor writerProperty) throws InitializationException {
        final CSVRecordSetWriter writer = new CSVRecordSetWriter();
        runner.addControllerService(WRITER_ID, writer);
        runner.setProperty(writer, CSVUtils.CSV_FORMAT, CSVUtils.RFC_4180);
        runner.enableControllerService(writer);
        runner.setProperty(writerProperty, WRITER_ID);
    }

    /** A CSVReader that infers field types from the data (NiFi's default schema access strategy). */
    public static void useTypeInferringCsvReader(final TestRunner runner) throws InitializationException {
        final CSVReader reader = new CSVReader();
        runner.addControllerService(READER_ID, reader);
        runner.setProperty(reader, CSVUtils.FIRST_LINE_IS_HEADER, "true");
        runner.enableControllerService(reader);
        runner.setProperty("Record Reader", READER_ID);
    }

    public static void useJsonReader(final TestRunner runner) throws InitializationException {
        final JsonTreeReader reader = new JsonTreeReader();
        runner.addControllerService(READER_ID, reader);
        runner.enableControllerService(reader);
        runner.setProperty("Record Reader", READER_ID);
    }
}
