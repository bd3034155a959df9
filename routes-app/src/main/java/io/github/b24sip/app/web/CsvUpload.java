package io.github.b24sip.app.web;

import io.github.b24sip.app.csv.CsvOrigin;
import io.github.b24sip.app.csv.CsvSyncService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.activation.DataHandler;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The CSV of a {@code POST /api/sync}, in the forms people send one: the body as {@code text/csv} or {@code
 * application/octet-stream} ({@code curl --data-binary @lines.csv -H 'Content-Type: text/csv'}), or a multipart form
 * with one file ({@code curl -F file=@lines.csv}). Its name is the {@code name} parameter when given, else the
 * multipart file's name, else {@code upload}.
 */
@RegisterForReflection
record CsvUpload(CsvOrigin origin, CsvSyncService.Content content) {

    static final String ACCEPTED =
            "text/csv, application/octet-stream, or multipart/form-data with one file " + "(curl -F file=@lines.csv)";

    /** Reads the upload from the exchange, or fails saying which types the endpoint takes. */
    static CsvUpload of(Exchange exchange) {
        String type = mediaType(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        String given = exchange.getMessage().getHeader("name", String.class);
        switch (type) {
            case "text/csv", "application/octet-stream" -> {
                byte[] body = exchange.getMessage().getBody(byte[].class);
                byte[] content = body == null ? new byte[0] : body;
                return new CsvUpload(CsvOrigin.upload(given), () -> new ByteArrayInputStream(content));
            }
            case "multipart/form-data" -> {
                Map<String, DataHandler> files =
                        exchange.getMessage(AttachmentMessage.class).getAttachments();
                if (files.size() != 1) {
                    throw new UnsupportedUploadException(
                            400, "a multipart upload must carry exactly one file; this one carries " + files.size());
                }
                // the attachment is keyed by the form field's name; its data source carries the file's name
                DataHandler data = files.values().iterator().next();
                return new CsvUpload(
                        CsvOrigin.upload(given != null && !given.isBlank() ? given : data.getName()),
                        data::getInputStream);
            }
            default ->
                throw new UnsupportedUploadException(
                        415,
                        (type.isEmpty() ? "no Content-Type" : "Content-Type " + type) + " is not taken here; send "
                                + ACCEPTED);
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** An upload the endpoint does not take: its status (415, or 400) and why. */
    @RegisterForReflection
    static final class UnsupportedUploadException extends RuntimeException {
        private final int status;

        UnsupportedUploadException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
