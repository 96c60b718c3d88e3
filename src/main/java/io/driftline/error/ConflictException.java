package io.driftline.error;

/** A change that collides with the current state (a name already taken, a stale version); the API answers 409. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
