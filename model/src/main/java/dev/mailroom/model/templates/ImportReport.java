package dev.mailroom.model.templates;

import java.util.List;

/**
 * What an import did: the templates it created (renamed when the name was taken) and the brand values
 * they use that the importing tenant's kit lacks. {@code bundleHadValue} tells whether the exporting
 * tenant's kit had that value, that is whether the template worked there and needs it here.
 */
public record ImportReport(List<Imported> imported, List<MissingBrandValue> missing, boolean tenantHasBrandKit) {
    public ImportReport {
        imported = List.copyOf(imported);
        missing = List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    public record Imported(TemplateId id, String name, String nameInBundle) {
        public boolean renamed() {
            return !name.equals(nameInBundle);
        }
    }

    public record MissingBrandValue(String variable, List<String> usedBy, boolean bundleHadValue) {
        public MissingBrandValue {
            usedBy = List.copyOf(usedBy);
        }

        /** "brand.social.instagram, used by Welcome and Order confirmation: add it to this client's brand kit." */
        public String describe() {
            return variable + ", used by " + String.join(", ", usedBy) + ": add it to this client's brand kit"
                    + (bundleHadValue ? " (the exporting client had one)." : ".");
        }
    }
}
