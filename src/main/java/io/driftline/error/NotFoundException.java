package io.driftline.error;

/** A named resource that does not exist; the API answers 404. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
