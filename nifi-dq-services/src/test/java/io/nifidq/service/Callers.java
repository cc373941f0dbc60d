package io.nifidq.service;

import io.nifidq.service.api.TextClassifierService.Classification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Threads that call the service over and over, as concurrent tasks of ClassifyText would, until they are stopped. */
final class Callers {

    private final ExecutorService threads;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Future<Integer>> calls = new ArrayList<>();

    /**
     * Starts the callers.
     *
     * @param call one call of the service
     * @param checks makes each caller's own check of every answer it gets (a caller may keep state in it)
     */
    Callers(final int count, final Callable<Classification> call, final Supplier<Consumer<Classification>> checks) {
        threads = Executors.newFixedThreadPool(count);
        for (int t = 0; t < count; t++) {
            final Consumer<Classification> check = checks.get();
            calls.add(threads.submit(() -> {
                int answered = 0;
                while (!stop.get()) {
                    check.accept(call.call());
                    answered++;
                }
                return answered;
            }));
        }
    }

    /** Stops the callers and waits for each; returns how many calls were answered in all. */
    int stop(final Duration timeout) throws Exception {
        stop.set(true);
        int answered = 0;
        for (final Future<Integer> call : calls) {
            answered += call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        threads.shutdown();
        return answered;
    }
}
