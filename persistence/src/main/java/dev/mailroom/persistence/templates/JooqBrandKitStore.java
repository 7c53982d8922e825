package dev.mailroom.persistence.templates;

import static dev.mailroom.persistence.jooq.Tables.BRAND_KIT;
import static dev.mailroom.persistence.jooq.Tables.BRAND_SOCIAL_LINK;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.BrandKitStore;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.LogoType;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.persistence.jooq.tables.records.BrandKitRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One brand kit per tenant, its logo in the row and its social links beside it. */
public final class JooqBrandKitStore implements BrandKitStore {
    private final JooqTransactions tx;

    public JooqBrandKitStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<BrandKit> find(TenantId tenant) {
        Optional<BrandKitRecord> row = tx.dsl()
                .selectFrom(BRAND_KIT)
                .where(BRAND_KIT.TENANT_ID.eq(tenant.value()))
                .fetchOptional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<SocialLink> social = tx.dsl()
                .selectFrom(BRAND_SOCIAL_LINK)
                .where(BRAND_SOCIAL_LINK.TENANT_ID.eq(tenant.value()))
                .orderBy(BRAND_SOCIAL_LINK.SORT_ORDER)
                .fetch(r -> new SocialLink(r.getNetwork(), r.getUrl()));
        BrandKitRecord r = row.get();
        Optional<Logo> logo = Optional.ofNullable(r.getLogo()).map(bytes -> stored(bytes, r.getLogoType()));
        return Optional.of(new BrandKit(
                logo,
                r.getPrimaryColor(),
                r.getSecondaryColor(),
                r.getBackgroundColor(),
                r.getTextColor(),
                r.getFontStack(),
                r.getCompanyName(),
                r.getPostalAddress(),
                social));
    }

    /** The logo was checked when it was saved; should today's checks refuse it, it is still read back. */
    private static Logo stored(byte[] bytes, String type) {
        try {
            return Logo.of(bytes);
        } catch (InvalidInput e) {
            return new Logo(bytes, type == null ? LogoType.PNG : LogoType.valueOf(type), 0, 0);
        }
    }

    @Override
    public void save(TenantId tenant, BrandKit kit, Instant at) {
        var dsl = tx.dsl();
        byte[] logo = kit.logo().map(Logo::bytes).orElse(null);
        String logoType = kit.logo().map(l -> l.type().name()).orElse(null);
        int updated = dsl.update(BRAND_KIT)
                .set(BRAND_KIT.PRIMARY_COLOR, kit.primaryColor())
                .set(BRAND_KIT.SECONDARY_COLOR, kit.secondaryColor())
                .set(BRAND_KIT.BACKGROUND_COLOR, kit.backgroundColor())
                .set(BRAND_KIT.TEXT_COLOR, kit.textColor())
                .set(BRAND_KIT.FONT_STACK, kit.fontStack())
                .set(BRAND_KIT.COMPANY_NAME, kit.companyName())
                .set(BRAND_KIT.POSTAL_ADDRESS, kit.postalAddress())
                .set(BRAND_KIT.LOGO, logo)
                .set(BRAND_KIT.LOGO_TYPE, logoType)
                .set(BRAND_KIT.UPDATED_AT, Times.toDb(at))
                .where(BRAND_KIT.TENANT_ID.eq(tenant.value()))
                .execute();
        if (updated == 0) {
            dsl.insertInto(BRAND_KIT)
                    .set(BRAND_KIT.TENANT_ID, tenant.value())
                    .set(BRAND_KIT.PRIMARY_COLOR, kit.primaryColor())
                    .set(BRAND_KIT.SECONDARY_COLOR, kit.secondaryColor())
                    .set(BRAND_KIT.BACKGROUND_COLOR, kit.backgroundColor())
                    .set(BRAND_KIT.TEXT_COLOR, kit.textColor())
                    .set(BRAND_KIT.FONT_STACK, kit.fontStack())
                    .set(BRAND_KIT.COMPANY_NAME, kit.companyName())
                    .set(BRAND_KIT.POSTAL_ADDRESS, kit.postalAddress())
                    .set(BRAND_KIT.LOGO, logo)
                    .set(BRAND_KIT.LOGO_TYPE, logoType)
                    .set(BRAND_KIT.UPDATED_AT, Times.toDb(at))
                    .execute();
        }
        dsl.deleteFrom(BRAND_SOCIAL_LINK)
                .where(BRAND_SOCIAL_LINK.TENANT_ID.eq(tenant.value()))
                .execute();
        int order = 0;
        for (SocialLink link : kit.social()) {
            dsl.insertInto(BRAND_SOCIAL_LINK)
                    .set(BRAND_SOCIAL_LINK.TENANT_ID, tenant.value())
                    .set(BRAND_SOCIAL_LINK.SORT_ORDER, order++)
                    .set(BRAND_SOCIAL_LINK.NETWORK, link.network())
                    .set(BRAND_SOCIAL_LINK.URL, link.url())
                    .execute();
        }
    }
}
