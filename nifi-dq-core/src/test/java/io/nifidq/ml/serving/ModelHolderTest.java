package io.nifidq.ml.serving;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelHolderTest {

    /** A model that knows whether it is closed and fails when used afterwards. */
    private static final class CountingModel implements AutoCloseable {
        final String name;
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger uses = new AtomicInteger();
        final CountDownLatch used = new CountDownLatch(1);

        CountingModel(final String name) {
            this.name = name;
        }

        String predict() {
            if (closed.get()) {
                throw new IllegalStateException(name + " used after close");
            }
            uses.incrementAndGet();
            used.countDown();
            return name;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void theOldModelClosesOnlyWhenItsLastLeaseIsReturned() {
        final ModelHolder<CountingModel> holder = new ModelHolder<>();
        final CountingModel first = new CountingModel("v0001");
        holder.swap(first, "v0001");
        final ModelHolder<CountingModel>.Lease inFlight = holder.lease();
        final CountingModel second = new CountingModel("v0002");
        holder.swap(second, "v0002");
        assertEquals("v0002", holder.version());
        assertFalse(first.closed.get(), "a request still uses v0001");
        assertEquals("v0001", inFlight.model().predict());
        try (ModelHolder<CountingModel>.Lease next = holder.lease()) {
            assertEquals("v0002", next.version(), "new requests get the new model at once");
        }
        inFlight.close();
        assertTrue(first.closed.get());
        inFlight.close();
        assertFalse(second.closed.get());
        holder.close();
        assertTrue(second.closed.get());
        assertThrows(IllegalStateException.class, holder::lease);
    }

    @Test
    void concurrentCallersNeverFailWhileModelsAreSwappedUnderThem() throws Exception {
        final ModelHolder<CountingModel> holder = new ModelHolder<>();
        final List<CountingModel> models = new ArrayList<>();
        final CountingModel initial = new CountingModel("v0");
        models.add(initial);
        holder.swap(initial, "v0");
        final ExecutorService callers = Executors.newFixedThreadPool(4);
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(callers.submit(() -> {
                int calls = 0;
                while (!stop.get()) {
                    try (ModelHolder<CountingModel>.Lease lease = holder.lease()) {
                        lease.model().predict();
                        calls++;
                    }
                }
                return calls;
            }));
        }
        for (int v = 1; v <= 200; v++) {
            final CountingModel next = new CountingModel("v" + v);
            models.add(next);
            holder.swap(next, "v" + v);
            // The next swap comes once a caller has used this model, while other callers may still hold the one before.
            assertTrue(next.used.await(30, TimeUnit.SECONDS), "a caller got v" + v);
        }
        stop.set(true);
        int calls = 0;
        for (final Future<Integer> result : results) {
            calls += result.get(30, TimeUnit.SECONDS);
        }
        callers.shutdown();
        assertTrue(calls > 0);
        assertEquals(200, models.stream().filter(m -> m.closed.get()).count(), "every replaced model was closed, none twice used after");
        assertFalse(models.getLast().closed.get());
    }
}
