package vn.dvc.core.units;

/**
 * A province as it was until 30 June 2025. Under Resolution 202/2025/QH15 every old province went as a whole
 * into exactly one new province ({@code newProvinceCode}), possibly keeping its code.
 */
public record OldProvince(String code, String name, String newProvinceCode) implements OldUnit {
    @Override
    public String oldProvinceCode() {
        return code;
    }
}
