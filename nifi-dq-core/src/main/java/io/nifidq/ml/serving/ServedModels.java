package io.nifidq.ml.serving;

import ai.djl.Device;
import io.nifidq.ml.encoder.EncoderOptions;
import io.nifidq.ml.model.ModelMetadata;
import io.nifidq.ml.model.ModelStore;
import io.nifidq.ml.model.ModelType;
import io.nifidq.ml.model.TextClassifierModel;
import io.nifidq.ml.train.BlendedModelFamily;

import java.io.IOException;
import java.nio.file.Path;

/** Loads a verified model version of either family, as its metadata's model type says. */
public final class ServedModels {

    /**
     * Where each family runs. Asked only for the family of the version being loaded, so that an implementation can start
     * just the engine that family needs (PyTorch for n-gram and fine-tuned models, ONNX Runtime for encoder models).
     */
    public interface Placement {

        /** The PyTorch device of an n-gram or fine-tuned model. */
        Device pyTorchDevice() throws IOException;

        /** How an encoder model's encoder runs, device included. */
        EncoderOptions encoderOptions() throws IOException;
    }

    private ServedModels() {
    }

    /** An encoder model (a head on a frozen encoder, or fine-tuned), blended with the n-gram model beside it when the version says so. */
    private static ServedModel encoderModel(final Path version, final Placement placement, final boolean fineTuned) throws IOException {
        final BlendedModelFamily.Blend blend = BlendedModelFamily.Blend.read(version);
        final ServedModel encoder = fineTuned ? FineTunedServedModel.load(version, placement.pyTorchDevice())
                : EncoderClassifierModel.load(version, placement.encoderOptions());
        if (blend == null) {
            return encoder;
        }
        try {
            return new BlendedServedModel(encoder, TextClassifierModel.load(version, placement.pyTorchDevice()), blend.share());
        } catch (final IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    /**
     * Verifies the version (metadata, format, checksums) and loads it: an n-gram model on the given device with the PyTorch
     * engine, a fine-tuned one likewise, an encoder model with its encoder run as the options say (device included).
     */
    public static ServedModel load(final Path version, final Device device, final EncoderOptions encoderOptions) throws IOException {
        return load(version, new Placement() {
            @Override
            public Device pyTorchDevice() {
                return device;
            }

            @Override
            public EncoderOptions encoderOptions() {
                return encoderOptions;
            }
        });
    }

    /** As {@link #load(Path, Device, EncoderOptions)}, placed where the placement says for the version's family. */
    public static ServedModel load(final Path version, final Placement placement) throws IOException {
        final ModelMetadata metadata = ModelStore.verify(version);
        final ServedModel model;
        if (ModelType.PRETRAINED_ENCODER.name().equals(metadata.modelType())) {
            model = encoderModel(version, placement, false);
        } else if (ModelType.FINE_TUNED_ENCODER.name().equals(metadata.modelType())) {
            model = encoderModel(version, placement, true);
        } else {
            model = TextClassifierModel.load(version, placement.pyTorchDevice());
        }
        if (!model.labels().equals(metadata.labels())) {
            model.close();
            throw new IOException("The labels of " + version + " disagree with its metadata");
        }
        return model;
    }
}
