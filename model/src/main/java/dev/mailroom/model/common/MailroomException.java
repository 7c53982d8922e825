package dev.mailroom.model.common;

/**
 * An error a person can act on. Its message is written for the person using the console, never a
 * stack trace; subclasses tell the UI how to present it.
 */
public abstract sealed class MailroomException extends RuntimeException
        permits NotFound, PermissionDenied, InvalidInput, Conflict, ExternalFailure, Throttled {

    protected MailroomException(String message) {
        super(message);
    }

    protected MailroomException(String message, Throwable cause) {
        super(message, cause);
    }
}
