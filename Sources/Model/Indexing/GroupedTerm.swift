import Foundation
import Symbolic

/// One `~` line whose parameters are picked row by row by data (`μ[d.class]`), its ℓ
/// summed group by group:
///
///     ℓₜ = Σ_c T(θ_c; n_c, S_c)  (+ a per-row remainder, if some of f does not factor)
///
/// c runs over the term's cells (the combinations of index codes that occur), θ_c are the
/// components its selectors pick there, n_c its rows and S_c its statistics. The template T
/// is the term's factorised form (`SufficientStatistics`) with each selector taken as a
/// parameter: within a cell it is one. So ℓ, its score and its Hessian cost O(cells), not
/// O(n), and each cell's score equations are the scalar ones (μ̂ₖ = Σ_{class=k} x/nₖ).
public final class GroupedTerm: @unchecked Sendable {
    /// The term's position in the model.
    public let term: Int
    public let form: StatisticalForm
    /// The selectors the template or the remainder uses.
    public let selectors: [Selector]
    let cells: CellTable
    /// Per cell: the count, the pilots and the statistics (centred on each cell's pilots).
    public private(set) var values: [Symbol: [Double]] = [:]
    /// Per cell: raw (uncentred) sums, for showing them.
    public private(set) var raw: [Symbol: [Double]] = [:]
    /// Per cell: the θ slot each selector picks.
    public let slots: [Symbol: [Int32]]
    /// The index columns, for names and levels.
    public let indexColumns: [IndexColumn]
    lazy var evaluator = CellEvaluator(self)

    init(
        term: Int, form: StatisticalForm, selectors: [Selector], cells: CellTable, indexColumns: [IndexColumn],
        data: TermData
    ) {
        self.term = term
        self.form = form
        self.selectors = selectors
        self.cells = cells
        self.indexColumns = indexColumns
        var slots: [Symbol: [Int32]] = [:]
        for s in selectors { slots[s.symbol] = cells.slots(of: s) }
        self.slots = slots
        computeStatistics(data)
        nameStatistics()
    }

    /// The letters of the cells' index columns (k; or i, j).
    public var letters: [String] { cells.columns.map { indexColumns[$0].letter } }

    /// "class = k", "prev = i, next = j": which rows a cell's sums run over.
    public var condition: String {
        cells.columns.map { "\(indexColumns[$0].name)=\(indexColumns[$0].letter)" }.joined(separator: ", ")
    }

    /// Names the per-cell statistics as sums over the cell's rows, Σ_{class=k} x, and the count
    /// nₖ (nᵢⱼ for two index columns).
    func nameStatistics() {
        let store = form.value.store
        store.names[countSymbol] = "n" + letters.map(GroupedTerm.subscriptLetter).joined()
        for stat in form.statistics {
            let plain = store.name(of: stat.symbol)
            let body = plain.hasPrefix("Σ ") ? String(plain.dropFirst(2)) : String(plain.dropFirst())
            store.names[stat.symbol] = "Σ_{\(condition)} " + body
        }
    }

    public static func subscriptLetter(_ letter: String) -> String {
        let table: [Character: Character] = [
            "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ",
        ]
        return String(letter.map { table[$0] ?? $0 })
    }

    public var cellCount: Int { cells.count }
    /// The count symbol of the term (nₖ in the template).
    public var countSymbol: Symbol { .count(term) }
    /// Rows in each cell.
    public var counts: [Double] { cells.counts }
    /// The index columns of the cells, in order (their codes number the cells' positions).
    public var cellColumns: [Int] { cells.columns }
    /// Per cell column, each cell's code.
    public var cellCodes: [[Int32]] { cells.codes }

    /// The statistics of every cell in one pass over the rows (a first one finds each cell's
    /// pilots, the means of its atoms): Σ_{i∈c} Πₖ (aₖ(i) − c_{k,c})^pₖ, summed with Neumaier's
    /// compensation, so a cell's variance keeps its digits as the global one does.
    func computeStatistics(_ data: TermData) {
        let n = cells.cellOfRow.count
        let cellOfRow = cells.cellOfRow
        values[countSymbol] = cells.counts
        raw[countSymbol] = cells.counts
        let atoms = data.evaluate(form.atoms + (form.constantPart.map { [$0] } ?? []))
        var pilots: [[Double]] = []
        for (k, pilot) in form.pilots.enumerated() {
            guard let pilot else {
                pilots.append([])
                continue
            }
            var sums = CompensatedSums(count: cells.count)
            for i in 0..<n { sums.add(atoms[k][i], to: Int(cellOfRow[i])) }
            let means = zip(sums.totals, cells.counts).map { $1 > 0 ? $0 / $1 : 0 }
            pilots.append(means)
            values[pilot] = means
        }
        for stat in form.statistics {
            var centred = CompensatedSums(count: cells.count)
            var plain = CompensatedSums(count: cells.count)
            for i in 0..<n {
                let c = Int(cellOfRow[i])
                if stat.isConstantPart {
                    centred.add(atoms[form.atoms.count][i], to: c)
                    continue
                }
                var x = 1.0
                var y = 1.0
                for (atom, power) in stat.powers {
                    let a = atoms[atom][i]
                    let shift = pilots[atom].isEmpty ? 0 : pilots[atom][c]
                    x *= Foundation.pow(a - shift, Double(power))
                    y *= Foundation.pow(a, Double(power))
                }
                centred.add(x, to: c)
                plain.add(y, to: c)
            }
            values[stat.symbol] = centred.totals
            raw[stat.symbol] = stat.isConstantPart ? centred.totals : plain.totals
        }
    }
}

/// Sums per cell, each with Neumaier's running compensation.
struct CompensatedSums {
    var sums: [Double]
    var compensations: [Double]

    init(count: Int) {
        sums = [Double](repeating: 0, count: count)
        compensations = [Double](repeating: 0, count: count)
    }

    @inline(__always)
    mutating func add(_ x: Double, to c: Int) {
        let s = sums[c]
        let t = s + x
        compensations[c] += abs(s) >= abs(x) ? (s - t) + x : (x - t) + s
        sums[c] = t
    }

    var totals: [Double] { zip(sums, compensations).map { $0 + $1 } }
}
