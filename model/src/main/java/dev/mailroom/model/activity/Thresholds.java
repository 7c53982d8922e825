package dev.mailroom.model.activity;

/**
 * The lines mailbox providers draw (Gmail's and Yahoo's sender rules): a complaint rate under 0.1%
 * is healthy and 0.3% the limit; bounces above 2% are a warning and above 5% get mail blocked.
 */
public final class Thresholds {
    public static final double COMPLAINT_WARNING = 0.001;
    public static final double COMPLAINT_LIMIT = 0.003;
    public static final double BOUNCE_WARNING = 0.02;
    public static final double BOUNCE_LIMIT = 0.05;
    /** Today's volume above this many times the trailing 7-day mean is a spike. */
    public static final double SPIKE_FACTOR = 3.0;
    /** A spike needs at least this many messages today: 4 against a mean of 1 is noise, not a spike. */
    public static final long SPIKE_MIN_VOLUME = 100;

    private Thresholds() {}

    public enum Level {
        OK,
        WARNING,
        OVER_LIMIT
    }

    public static Level bounce(double rate) {
        return rate > BOUNCE_LIMIT ? Level.OVER_LIMIT : rate > BOUNCE_WARNING ? Level.WARNING : Level.OK;
    }

    public static Level complaint(double rate) {
        return rate > COMPLAINT_LIMIT ? Level.OVER_LIMIT : rate > COMPLAINT_WARNING ? Level.WARNING : Level.OK;
    }
}
