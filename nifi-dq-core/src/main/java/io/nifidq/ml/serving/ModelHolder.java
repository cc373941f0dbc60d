package io.nifidq.ml.serving;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Holds the model that serves requests and swaps in a newer one without failing or blocking a
 * request: a caller leases the current model for the length of one call; {@link #swap} installs the
 * new model at once (new calls get it) and closes the old one when its last lease is returned.
 *
 * @param <M> the model type; closing it releases its (native) memory
 */
public final class ModelHolder<M extends AutoCloseable> implements AutoCloseable {

    /** One model with its version and the number of calls using it; retired once replaced. */
    private static final class Slot<M extends AutoCloseable> {
        private final M model;
        private final String version;
        private int leases;
        private boolean retired;
        private boolean closed;

        private Slot(final M model, final String version) {
            this.model = model;
            this.version = version;
        }

        private synchronized boolean lease() {
            if (retired) {
                return false;
            }
            leases++;
            return true;
        }

        private synchronized boolean release() {
            leases--;
            return retired && leases == 0 && markClosed();
        }

        private synchronized boolean retire() {
            retired = true;
            return leases == 0 && markClosed();
        }

        private boolean markClosed() {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    /** A model leased for one call; closing the lease returns it. */
    public final class Lease implements AutoCloseable {
        private final Slot<M> slot;
        private boolean returned;

        private Lease(final Slot<M> slot) {
            this.slot = slot;
        }

        public M model() {
            return slot.model;
        }

        public String version() {
            return slot.version;
        }

        @Override
        public void close() {
            if (!returned) {
                returned = true;
                if (slot.release()) {
                    closeQuietly(slot.model);
                }
            }
        }
    }

    private final AtomicReference<Slot<M>> current = new AtomicReference<>();
    private final Function<Exception, RuntimeException> closeFailure;

    public ModelHolder() {
        this(e -> null);
    }

    /** With a handler for exceptions from a model's close (null: ignore them). */
    public ModelHolder(final Function<Exception, RuntimeException> closeFailure) {
        this.closeFailure = closeFailure;
    }

    /** The current model, leased; fails when none is installed (before the first swap or after close). */
    public Lease lease() {
        while (true) {
            final Slot<M> slot = current.get();
            if (slot == null) {
                throw new IllegalStateException("No model is loaded");
            }
            if (slot.lease()) {
                return new Lease(slot);
            }
            // Retired between the read and the lease: the next read sees its successor.
        }
    }

    /** Installs a model; the previous one closes when its in-flight calls have finished. */
    public void swap(final M model, final String version) {
        retire(current.getAndSet(new Slot<>(model, version)));
    }

    /** The version of the current model, or null. */
    public String version() {
        final Slot<M> slot = current.get();
        return slot == null ? null : slot.version;
    }

    /** Removes the current model; it closes when its in-flight calls have finished. */
    @Override
    public void close() {
        retire(current.getAndSet(null));
    }

    private void retire(final Slot<M> slot) {
        if (slot != null && slot.retire()) {
            closeQuietly(slot.model);
        }
    }

    private void closeQuietly(final M model) {
        try {
            model.close();
        } catch (final Exception e) {
            final RuntimeException rethrown = closeFailure.apply(e);
            if (rethrown != null) {
                throw rethrown;
            }
        }
    }
}
