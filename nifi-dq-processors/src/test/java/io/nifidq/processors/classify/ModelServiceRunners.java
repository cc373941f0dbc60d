package io.nifidq.processors.classify;

import io.nifidq.processors.common.TestReaders;
import io.nifidq.service.DjlTextClassifierService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;

import java.nio.file.Path;
import java.util.Map;

/** ClassifyText runners whose Classifier is the real DjlTextClassifierService over a published model directory. */
final class ModelServiceRunners {

    private ModelServiceRunners() {
    }

    /**
     * A CSV runner of ClassifyText whose Classifier is this service, enabled over the models, checking for a new
     * version on every call, with these further service properties.
     */
    static TestRunner classifyTextWith(final DjlTextClassifierService service, final Path models,
                                       final Map<PropertyDescriptor, String> serviceProperties) throws InitializationException {
        final TestRunner runner = TestReaders.csvRunner(ClassifyText.class);
        runner.addControllerService("classifier", service);
        runner.setProperty(service, DjlTextClassifierService.MODEL_DIRECTORY, models.toString());
        runner.setProperty(service, DjlTextClassifierService.RELOAD_INTERVAL, "0 sec");
        serviceProperties.forEach((property, value) -> runner.setProperty(service, property, value));
        runner.enableControllerService(service);
        runner.setProperty(ClassifyProperties.CLASSIFIER, "classifier");
        return runner;
    }

    /** Disables the service unless a test has already done so. */
    static void disable(final TestRunner runner, final DjlTextClassifierService service) {
        if (runner.isControllerServiceEnabled(service)) {
            runner.disableControllerService(service);
        }
    }
}
