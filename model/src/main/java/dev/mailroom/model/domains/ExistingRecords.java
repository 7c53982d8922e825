package dev.mailroom.model.domains;

import java.util.List;

/**
 * What a domain already publishes that a plan must respect: the TXT values at the domain (for the SPF
 * merge) and at {@code _dmarc} (an existing DMARC record is kept), and problems met while looking.
 */
public record ExistingRecords(List<String> apexTxt, List<String> dmarcTxt, List<String> problems) {
    public ExistingRecords {
        apexTxt = List.copyOf(apexTxt);
        dmarcTxt = List.copyOf(dmarcTxt);
        problems = List.copyOf(problems);
    }

    public static ExistingRecords none() {
        return new ExistingRecords(List.of(), List.of(), List.of());
    }
}
