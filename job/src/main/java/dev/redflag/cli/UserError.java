package dev.redflag.cli;

/** A mistake in what the user asked for, reported as its message alone. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
