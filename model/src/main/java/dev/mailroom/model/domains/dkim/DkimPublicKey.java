package dev.mailroom.model.domains.dkim;

import dev.mailroom.model.domains.dns.TxtStrings;
import java.util.List;

/** The public half of a DKIM key: what goes into DNS. */
public record DkimPublicKey(String selector, DkimAlgorithm algorithm, String publicKeyBase64) {
    public String host(String domain) {
        return selector + "._domainkey." + domain;
    }

    public String txtValue() {
        return "v=DKIM1; k=" + algorithm.tag() + "; p=" + publicKeyBase64;
    }

    public List<String> txtStrings() {
        return TxtStrings.split(txtValue());
    }
}
