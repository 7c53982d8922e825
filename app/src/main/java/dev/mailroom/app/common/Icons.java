package dev.mailroom.app.common;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The icons the console uses, all from one pack (Material Design 2). */
public final class Icons {
    private Icons() {}

    public static FontIcon overview() {
        return FontIcon.of(MaterialDesignV.VIEW_DASHBOARD_OUTLINE);
    }

    public static FontIcon billing() {
        return FontIcon.of(org.kordamp.ikonli.materialdesign2.MaterialDesignC.CASH_MULTIPLE);
    }

    public static FontIcon tenants() {
        return FontIcon.of(MaterialDesignO.OFFICE_BUILDING_OUTLINE);
    }

    public static FontIcon profile() {
        return FontIcon.of(MaterialDesignC.CARD_ACCOUNT_DETAILS_OUTLINE);
    }

    public static FontIcon add() {
        return FontIcon.of(MaterialDesignP.PLUS);
    }

    public static FontIcon edit() {
        return FontIcon.of(MaterialDesignP.PENCIL_OUTLINE);
    }

    public static FontIcon archive() {
        return FontIcon.of(MaterialDesignA.ARCHIVE_OUTLINE);
    }

    public static FontIcon restore() {
        return FontIcon.of(MaterialDesignR.RESTORE);
    }

    public static FontIcon purge() {
        return FontIcon.of(MaterialDesignD.DELETE_FOREVER_OUTLINE);
    }

    public static FontIcon refresh() {
        return FontIcon.of(MaterialDesignR.REFRESH);
    }

    public static FontIcon theme() {
        return FontIcon.of(MaterialDesignT.THEME_LIGHT_DARK);
    }

    public static FontIcon user() {
        return FontIcon.of(MaterialDesignA.ACCOUNT_CIRCLE_OUTLINE);
    }

    public static FontIcon mail() {
        return FontIcon.of(MaterialDesignE.EMAIL_FAST_OUTLINE);
    }

    public static FontIcon filter() {
        return FontIcon.of(MaterialDesignF.FILTER_VARIANT);
    }

    public static FontIcon menuDown() {
        return FontIcon.of(MaterialDesignM.MENU_DOWN);
    }

    public static FontIcon warning() {
        return FontIcon.of(MaterialDesignA.ALERT_OUTLINE);
    }

    public static FontIcon users() {
        return FontIcon.of(MaterialDesignA.ACCOUNT_MULTIPLE_OUTLINE);
    }

    public static FontIcon audit() {
        return FontIcon.of(MaterialDesignC.CLIPBOARD_TEXT_CLOCK_OUTLINE);
    }

    public static FontIcon actAs() {
        return FontIcon.of(MaterialDesignA.ACCOUNT_SWITCH_OUTLINE);
    }

    public static FontIcon export() {
        return FontIcon.of(MaterialDesignE.EXPORT_VARIANT);
    }

    public static FontIcon verify() {
        return FontIcon.of(MaterialDesignS.SHIELD_CHECK_OUTLINE);
    }

    public static FontIcon jobs() {
        return FontIcon.of(MaterialDesignW.WRENCH_CLOCK);
    }

    public static FontIcon domains() {
        return FontIcon.of(MaterialDesignW.WEB);
    }

    public static FontIcon templates() {
        return FontIcon.of(MaterialDesignE.EMAIL_EDIT_OUTLINE);
    }

    public static FontIcon library() {
        return FontIcon.of(MaterialDesignB.BOOKSHELF);
    }

    public static FontIcon brandKit() {
        return FontIcon.of(MaterialDesignP.PALETTE_OUTLINE);
    }

    public static FontIcon starter() {
        return FontIcon.of(MaterialDesignB.BOOK_OPEN_PAGE_VARIANT_OUTLINE);
    }

    public static FontIcon importFile() {
        return FontIcon.of(MaterialDesignI.IMPORT);
    }

    public static FontIcon copy() {
        return FontIcon.of(MaterialDesignC.CONTENT_COPY);
    }

    public static FontIcon checkDns() {
        return FontIcon.of(MaterialDesignC.CHECK_NETWORK_OUTLINE);
    }

    public static FontIcon save() {
        return FontIcon.of(MaterialDesignC.CONTENT_SAVE_OUTLINE);
    }

    public static FontIcon key() {
        return FontIcon.of(MaterialDesignK.KEY_CHANGE);
    }

    public static FontIcon shield() {
        return FontIcon.of(MaterialDesignS.SHIELD_SEARCH);
    }

    public static FontIcon connections() {
        return FontIcon.of(MaterialDesignS.SERVER_NETWORK);
    }

    public static FontIcon outbox() {
        return FontIcon.of(MaterialDesignT.TRAY_FULL);
    }

    public static FontIcon suppressions() {
        return FontIcon.of(MaterialDesignE.EMAIL_OFF_OUTLINE);
    }

    public static FontIcon send() {
        return FontIcon.of(MaterialDesignS.SEND_OUTLINE);
    }

    public static FontIcon reveal() {
        return FontIcon.of(MaterialDesignE.EYE_OUTLINE);
    }

    public static FontIcon history() {
        return FontIcon.of(MaterialDesignH.HISTORY);
    }

    public static FontIcon back() {
        return FontIcon.of(MaterialDesignA.ARROW_LEFT);
    }

    public static FontIcon lock() {
        return FontIcon.of(MaterialDesignL.LOCK_OUTLINE);
    }

    public static FontIcon desktop() {
        return FontIcon.of(MaterialDesignM.MONITOR);
    }

    public static FontIcon phone() {
        return FontIcon.of(MaterialDesignC.CELLPHONE);
    }

    public static FontIcon analytics() {
        return FontIcon.of(MaterialDesignC.CHART_LINE);
    }

    public static FontIcon settings() {
        return FontIcon.of(MaterialDesignC.COG_OUTLINE);
    }

    public static FontIcon messageLog() {
        return FontIcon.of(MaterialDesignT.TEXT_BOX_SEARCH_OUTLINE);
    }

    public static FontIcon bounceMailbox() {
        return FontIcon.of(MaterialDesignI.INBOX_ARROW_DOWN);
    }

    /** The "Columns" menu of a table. */
    public static FontIcon columns() {
        return FontIcon.of(MaterialDesignT.TABLE_EYE);
    }
}
