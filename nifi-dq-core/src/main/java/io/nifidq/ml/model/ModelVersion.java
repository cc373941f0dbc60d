package io.nifidq.ml.model;

import java.nio.file.Path;

/** One published model: its directory name (v0001, v0002, ...), number and path. */
public record ModelVersion(String name, int number, Path path) {
}
