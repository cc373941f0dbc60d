package io.nifidq.processors.common;

import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.csv.CSVRecordSetWriter;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.schema.access.SchemaNotFoundException;
import org.apache.nifi.serialization.RecordSetWriter;
import org.apache.nifi.serialization.RecordSetWriterFactory;
import org.apache.nifi.serialization.record.RecordSchema;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * NiFi's real CSVRecordSetWriter behind a factory that counts the writers it hands out and the ones closed again,
 * so that a test can see a writer left open when a FlowFile fails half-way.
 */
public final class TrackingWriterFactory extends AbstractControllerService implements RecordSetWriterFactory {

    private final AtomicInteger created = new AtomicInteger();
    private final Set<RecordSetWriter> open = ConcurrentHashMap.newKeySet();
    private RecordSetWriterFactory csv;

    /** Adds the tracking factory (and the CSV writer it delegates to) and sets it as the processor's writer. */
    public static TrackingWriterFactory use(final TestRunner runner, final org.apache.nifi.components.PropertyDescriptor writerProperty)
            throws InitializationException {
        final CSVRecordSetWriter csv = new CSVRecordSetWriter();
        runner.addControllerService("csv-writer", csv);
        runner.enableControllerService(csv);
        final TrackingWriterFactory tracking = new TrackingWriterFactory();
        tracking.csv = csv;
        runner.addControllerService("tracking-writer", tracking);
        runner.enableControllerService(tracking);
        runner.setProperty(writerProperty, "tracking-writer");
        return tracking;
    }

    public int writersCreated() {
        return created.get();
    }

    public int writersLeftOpen() {
        return open.size();
    }

    @Override
    public RecordSchema getSchema(final Map<String, String> variables, final RecordSchema readSchema)
            throws SchemaNotFoundException, IOException {
        return csv.getSchema(variables, readSchema);
    }

    @Override
    public RecordSetWriter createWriter(final ComponentLog logger, final RecordSchema schema, final OutputStream out,
                                        final Map<String, String> variables) throws SchemaNotFoundException, IOException {
        final RecordSetWriter writer = csv.createWriter(logger, schema, out, variables);
        created.incrementAndGet();
        open.add(writer);
        return (RecordSetWriter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RecordSetWriter.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        open.remove(writer);
                    }
                    try {
                        return method.invoke(writer, args);
                    } catch (final InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
