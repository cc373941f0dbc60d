package io.nifidq.service;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.file.Path;
import java.util.Map;

/** The model service under test, added to a runner of a no-op processor. */
final class ServiceRunners {

    private ServiceRunners() {
    }

    static TestRunner noOpRunner() {
        return TestRunners.newTestRunner(NoOpProcessor.class);
    }

    /** Adds a model service under {@code id} over the models, with these further properties; not enabled. */
    static DjlTextClassifierService addService(final TestRunner runner, final String id, final Path models,
                                               final Map<PropertyDescriptor, String> properties) throws InitializationException {
        final DjlTextClassifierService service = new DjlTextClassifierService();
        runner.addControllerService(id, service);
        runner.setProperty(service, DjlTextClassifierService.MODEL_DIRECTORY, models.toString());
        properties.forEach((property, value) -> runner.setProperty(service, property, value));
        return service;
    }

    /** Disables the service unless a test has already done so. */
    static void disable(final TestRunner runner, final DjlTextClassifierService service) {
        if (runner.isControllerServiceEnabled(service)) {
            runner.disableControllerService(service);
        }
    }
}
