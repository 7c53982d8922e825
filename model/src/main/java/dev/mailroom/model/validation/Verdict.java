package dev.mailroom.model.validation;

/** What Mailroom concludes about sending to an address, worst first in {@link #severity()}. */
public enum Verdict {
    /** Nothing found against it: the syntax is right and the domain takes mail. */
    DELIVERABLE("deliverable"),
    /** It may work, but something makes it a poor recipient (the reasons say what). */
    RISKY("risky"),
    /** Mail to it cannot arrive (the reasons say why). */
    UNDELIVERABLE("undeliverable"),
    /** DNS could not answer about its domain; asking again later may tell. */
    UNKNOWN("unknown");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The word shown to people and written to CSV exports. */
    public String word() {
        return word;
    }

    /** Higher is worse: undeliverable, then unknown, then risky, then deliverable. */
    public int severity() {
        return switch (this) {
            case DELIVERABLE -> 0;
            case RISKY -> 1;
            case UNKNOWN -> 2;
            case UNDELIVERABLE -> 3;
        };
    }
}
