"""Converts CDNOW_master.txt (shipped in the `lifetimes` wheel) into the CSV our
ingest reads today: `Date;Customer;Quantity;Amount`, ISO dates, '.' decimals.

Usage: python cdnow_to_csv.py CDNOW_master.txt OUT.csv
The raw file is whitespace-separated: customer id, yyyymmdd, number of CDs, dollars.
"""
import sys


def convert(src, dst):
    rows = 0
    with open(src, encoding="ascii") as f, open(dst, "w", encoding="ascii", newline="\n") as out:
        out.write("Date;Customer;Quantity;Amount\n")
        for line in f:
            parts = line.split()
            if len(parts) != 4 or not parts[1].isdigit():
                continue  # the header line
            cid, ymd, cds, dollars = parts
            out.write(f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]};{cid};{cds};{dollars}\n")
            rows += 1
    return rows


if __name__ == "__main__":
    print(convert(sys.argv[1], sys.argv[2]), "rows")
