extension Tape {
    /// The tape as text, one instruction per line (`show tape`):
    ///
    ///     inputs: s0 = x (row), s1 = μ (scalar)
    ///     s2 = sub s0 s1
    public func disassembled() -> String {
        var lines: [String] = []
        let rows = rowInputs.map { "s\($0.slot) = \(store?.name(of: $0.symbol) ?? "\($0.symbol)")ᵢ" }
        let scalars = scalarInputs.map { "s\($0.slot) = \($0.expr.printed())" }
        lines.append("row inputs:    " + (rows.isEmpty ? "none" : rows.joined(separator: ", ")))
        lines.append("scalar inputs: " + (scalars.isEmpty ? "none" : scalars.joined(separator: ", ")))
        for ins in instructions {
            let operands = ins.operands.map { "s\($0)" }.joined(separator: " ")
            let name = ins.function.map { "call \($0.rawValue)" } ?? "\(ins.op)"
            lines.append("  s\(ins.out) ← \(name) \(operands)")
        }
        lines.append("outputs: " + outputs.map { "s\($0)" }.joined(separator: ", "))
        lines.append("\(instructions.count) instructions, \(slotCount) slots")
        return lines.joined(separator: "\n")
    }
}
