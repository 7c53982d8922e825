package dev.mailroom.model.dmarc;

/**
 * What one sending IP did for a domain over a period, summed over every report.
 *
 * @param reporters how many reporting organisations saw it
 */
public record SourceStats(
        String sourceIp,
        long messages,
        long dmarcPass,
        long dkimAligned,
        long spfAligned,
        long quarantined,
        long rejected,
        int reporters) {

    public double passRate() {
        return messages == 0 ? 0 : (double) dmarcPass / messages;
    }

    public long failing() {
        return messages - dmarcPass;
    }
}
