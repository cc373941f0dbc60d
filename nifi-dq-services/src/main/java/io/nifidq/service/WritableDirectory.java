package io.nifidq.service;

import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Validates a folder the service writes into later: it is a writable directory, or it does not exist yet and its nearest
 * existing parent is a writable directory (it is created when first needed, not while validating).
 */
final class WritableDirectory {

    static final Validator VALIDATOR = (subject, input, context) -> {
        final String problem = problem(input);
        return new ValidationResult.Builder().subject(subject).input(input).valid(problem == null).explanation(problem).build();
    };

    private WritableDirectory() {
    }

    /** Why the folder cannot be used, or null when it can. */
    static String problem(final String input) {
        final Path folder;
        try {
            folder = Path.of(input.strip()).toAbsolutePath().normalize();
        } catch (final InvalidPathException e) {
            return "not a path: " + e.getMessage();
        }
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return (existing == null ? folder : existing) + " is not a directory";
        }
        if (!Files.isWritable(existing)) {
            return existing + " is not writable" + (existing.equals(folder) ? "" : ", so " + folder + " cannot be created");
        }
        return null;
    }
}
