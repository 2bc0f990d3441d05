package vn.dvc.core.fees;

/**
 * The two kinds of state charge. Phí pays for a service; lệ phí is a charge for a state
 * management act (Luật Phí và lệ phí 97/2015/QH13, Art. 3). Both are whole đồng.
 */
public enum FeeKind {
    PHI,
    LE_PHI
}
