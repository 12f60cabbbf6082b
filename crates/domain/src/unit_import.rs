//! Reading an organisation chart from CSV: one column per level, from the top down, e.g.
//! `Helse og omsorg;Hjemmetjenester;Hjemmetjenesten Vest`. Every line is checked before
//! anything is imported, and every bad line is reported with its number.

use crate::unit::MAX_UNIT_NAME_CHARS;

/// Deepest tree a line may describe.
pub const MAX_LEVELS: usize = 12;

/// One bad line: its number in the file (from 1) and a Fluent message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    pub message_id: &'static str,
}

/// `;` when the first non-empty line has one, else `,`.
pub fn separator(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains(';') { b';' } else { b',' }
}

/// The path of names on each line, or every bad line. Blank lines are skipped; trailing
/// empty columns are allowed (a shallower line), gaps before a name are not.
pub fn parse(text: &str, has_header: bool) -> Result<Vec<Vec<String>>, Vec<LineError>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .has_headers(has_header)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let (mut paths, mut errors) = (Vec::new(), Vec::new());
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => match check(&record) {
                Ok(Some(path)) => paths.push(path),
                Ok(None) => {}
                Err(message_id) => errors.push(LineError {
                    line: record.position().map_or(line, |p| p.line()),
                    message_id,
                }),
            },
            Err(_) => {
                errors.push(LineError {
                    line,
                    message_id: "error-import-malformed",
                });
                break;
            }
        }
    }
    if paths.is_empty() && errors.is_empty() {
        errors.push(LineError {
            line: 1,
            message_id: "error-import-empty",
        });
    }
    if errors.is_empty() {
        Ok(paths)
    } else {
        Err(errors)
    }
}

/// `None` for a blank line.
fn check(record: &csv::StringRecord) -> Result<Option<Vec<String>>, &'static str> {
    let cells: Vec<&str> = record.iter().collect();
    let used = cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    if used == 0 {
        return Ok(None);
    }
    let cells = &cells[..used];
    if cells.iter().any(|c| c.is_empty()) {
        return Err("error-import-gap");
    }
    if cells.len() > MAX_LEVELS {
        return Err("error-import-too-deep");
    }
    if cells
        .iter()
        .any(|c| c.chars().count() > MAX_UNIT_NAME_CHARS)
    {
        return Err("error-import-too-long");
    }
    Ok(Some(cells.iter().map(|c| c.to_string()).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolons_and_commas_and_skips_blank_lines() {
        let text = "Helse og omsorg;Hjemmetjenester;Hjemmetjenesten Vest\n\nEiendom;Renhold;\n";
        let paths = parse(text, false).unwrap();
        assert_eq!(
            paths[0],
            ["Helse og omsorg", "Hjemmetjenester", "Hjemmetjenesten Vest"]
        );
        assert_eq!(paths[1], ["Eiendom", "Renhold"]);
        let paths = parse("Nivå 1,Nivå 2\n\"Oppvekst, skole\",Fjordvik skole\n", true).unwrap();
        assert_eq!(paths, [["Oppvekst, skole", "Fjordvik skole"]]);
    }

    #[test]
    fn reports_every_bad_line_with_its_number() {
        let long = "x".repeat(MAX_UNIT_NAME_CHARS + 1);
        let text = format!("A;B\nA;;C\nA;B;C\n{long};D\n");
        let errors = parse(&text, false).unwrap_err();
        assert_eq!(
            errors,
            [
                LineError {
                    line: 2,
                    message_id: "error-import-gap"
                },
                LineError {
                    line: 4,
                    message_id: "error-import-too-long"
                },
            ]
        );
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(
            parse("\n\n", false).unwrap_err()[0].message_id,
            "error-import-empty"
        );
        assert_eq!(
            parse("Nivå 1;Nivå 2\n", true).unwrap_err()[0].message_id,
            "error-import-empty"
        );
    }

    #[test]
    fn a_line_may_reach_the_deepest_level_and_the_longest_name() {
        let name = "å".repeat(MAX_UNIT_NAME_CHARS);
        let deepest = [name.as_str(); MAX_LEVELS].join(";");
        let too_deep = ["A"; MAX_LEVELS + 1].join(";");
        let paths = parse(&format!("{deepest}\n"), false).unwrap();
        assert_eq!(paths[0].len(), MAX_LEVELS);
        assert_eq!(paths[0][0], name);
        let errors = parse(&format!("{deepest}\n{too_deep}\n"), false).unwrap_err();
        assert_eq!(
            errors,
            [LineError {
                line: 2,
                message_id: "error-import-too-deep"
            }]
        );
    }
}
