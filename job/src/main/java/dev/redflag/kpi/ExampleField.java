package dev.redflag.kpi;

/**
 * One field shown beside an example's ID: a string field or dim ({@code plan}), or a number
 * ({@code mrr}), which keeps its raw value so that JSON carries a number.
 *
 * @param text   the value of a string field; null for a number
 * @param number the value of a numeric field; NaN for a string
 */
public record ExampleField(String name, String text, double number) {

    public static ExampleField text(String name, String text) {
        return new ExampleField(name, text == null ? "" : text, Double.NaN);
    }

    public static ExampleField number(String name, double number) {
        return new ExampleField(name, null, number);
    }

    public boolean isNumber() {
        return text == null;
    }
}
