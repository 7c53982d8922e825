package dev.mailroom.model.dmarc;

import java.util.List;

/**
 * What an import of aggregate reports did.
 *
 * @param stored reports stored
 * @param duplicates reports this client had already (same reporter and report id)
 * @param unknownDomain reports for a domain no client has
 * @param notHere reports for another client's domain (not stored from this client's page)
 * @param denied reports for a client where the importer may not import
 * @param problems files or parts that could not be read, in words (at most {@link #MAX_PROBLEMS})
 */
public record DmarcImportSummary(
        int stored, int duplicates, int unknownDomain, int notHere, int denied, long rows, List<String> problems) {
    public static final int MAX_PROBLEMS = 20;

    public DmarcImportSummary {
        problems = List.copyOf(problems);
    }

    public String headline() {
        StringBuilder b = new StringBuilder();
        b.append(stored).append(stored == 1 ? " report stored" : " reports stored");
        if (duplicates > 0) {
            b.append(", ").append(duplicates).append(" already here");
        }
        if (unknownDomain > 0) {
            b.append(", ").append(unknownDomain).append(" for a domain no client has");
        }
        if (notHere > 0) {
            b.append(", ").append(notHere).append(" for another client's domain (not stored here)");
        }
        if (denied > 0) {
            b.append(", ").append(denied).append(" for clients you may not import into");
        }
        if (!problems.isEmpty()) {
            b.append(", ")
                    .append(problems.size())
                    .append(problems.size() == 1 ? " file unreadable" : " files unreadable");
        }
        return b.append('.').toString();
    }
}
