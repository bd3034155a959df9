package io.github.b24sip.camel.bitrix24.model;

import io.github.b24sip.camel.bitrix24.Bitrix24SipException;

/**
 * The outcome of one item of a list body, at its position in the input: a value or the error of that item alone.
 */
public record ItemResult<T>(int index, T value, Bitrix24SipException error) {

    public static <T> ItemResult<T> success(int index, T value) {
        return new ItemResult<>(index, value, null);
    }

    public static <T> ItemResult<T> failure(int index, Bitrix24SipException error) {
        return new ItemResult<>(index, null, error);
    }

    public boolean isSuccess() {
        return error == null;
    }
}
