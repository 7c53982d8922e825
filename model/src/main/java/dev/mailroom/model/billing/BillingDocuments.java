package dev.mailroom.model.billing;

/** Port: the PDFs billing hands out. Implemented with PDFBox in the mailer module (decision 0053). */
public interface BillingDocuments {
    byte[] invoicePdf(Invoice invoice, BillingSettings agency);

    byte[] clientReportPdf(ClientReport report);
}
