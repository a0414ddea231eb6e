#!/usr/bin/env python3
"""mirsim -- a slow, independent reference simulator for MIR text.

Written for validating bench/*.mir before mirage can run them.  It implements
the reader rules of docs/mir-language.md (sections 1, 2, 4, 5) for the subset
the benchmarks use, checks them strictly (labels unique per module, names
declared before use, operand classes, call/proto arity, ret arity, block
argument sizes), and executes `main` with a small emulated libc (printf,
sprintf, atoi, malloc, calloc, free, memcpy, strlen, strcmp, sqrt).

It is NOT part of mirage and is deliberately simple; it is far too slow for
the default sizes -- use the quick sizes.

Usage:
  mirsim.py FILE.mir [ARG...]        run main(argc, argv) and print its output
  mirsim.py --check FILE.mir...      parse + verify only
Options:
  --upper=sign|junk   what the upper 32 bits of a 32-bit (`...s`) result hold:
                      `sign` = sign-extended (like the ref interpreter),
                      `junk` = deliberately garbage (catches a missing ext32).
                      Default: junk.
"""

import math
import struct
import sys
from fractions import Fraction

M64 = (1 << 64) - 1
M32 = (1 << 32) - 1
JUNK_HI = 0xA5A5A5A5 << 32
UPPER_MODE = "junk"


class MirError(Exception):
    pass


def s64(v):
    return v - (1 << 64) if v >> 63 else v


def s32(v):
    v &= M32
    return v - (1 << 32) if v >> 31 else v


def res32(v):
    """Result of a signed 32-bit operation as a 64-bit register value."""
    v &= M32
    if UPPER_MODE == "sign":
        return (v | ~M32) & M64 if v >> 31 else v
    return JUNK_HI | v


def res32u(v):
    v &= M32
    if UPPER_MODE == "sign":
        return v
    return JUNK_HI | v


# ---------------------------------------------------------------- long double
def ld_round(x):
    """Round a Fraction to the x87 extended format (64-bit significand)."""
    if x == 0:
        return Fraction(0)
    neg = x < 0
    a = -x if neg else x
    n, d = a.numerator, a.denominator
    e = n.bit_length() - d.bit_length() - 63
    while True:
        if e >= 0:
            num, den = n, d << e
        else:
            num, den = n << -e, d
        q, r = divmod(num, den)
        if q >= (1 << 64):
            e += 1
            continue
        if q < (1 << 63):
            e -= 1
            continue
        break
    if 2 * r > den or (2 * r == den and (q & 1)):
        q += 1
        if q == (1 << 64):
            q >>= 1
            e += 1
    v = Fraction(q) * (Fraction(2) ** e)
    return -v if neg else v


def ld_encode(x):
    if x == 0:
        return bytes(16)
    neg = x < 0
    a = -x if neg else x
    n, d = a.numerator, a.denominator
    e = n.bit_length() - d.bit_length() - 63
    while True:
        if e >= 0:
            num, den = n, d << e
        else:
            num, den = n << -e, d
        q, r = divmod(num, den)
        if q >= (1 << 64):
            e += 1
            continue
        if q < (1 << 63):
            e -= 1
            continue
        break
    if r != 0:
        raise MirError("ld value not representable")
    exp = e + 63 + 16383
    return struct.pack("<QH", q, exp | (0x8000 if neg else 0)) + bytes(6)


def ld_decode(b):
    q, se = struct.unpack("<QH", b[:10])
    if q == 0:
        return Fraction(0)
    e = (se & 0x7FFF) - 16383 - 63
    v = Fraction(q) * (Fraction(2) ** e)
    return -v if se & 0x8000 else v


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


# ---------------------------------------------------------------- lexer
class Tok:
    __slots__ = ("kind", "val", "line", "sub")

    def __init__(self, kind, val, line, sub=None):
        self.kind, self.val, self.line, self.sub = kind, val, line, sub

    def __repr__(self):
        return "%s(%r)" % (self.kind, self.val)


NAME_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$%.")
NAME_CHARS = NAME_START | set("0123456789")


def lex(text):
    toks = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c in " \t":
            i += 1
        elif c == "\n":
            toks.append(Tok("NL", None, line))
            line += 1
            i += 1
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
            # the comment together with its newline is one NL token (as in the ref)
            toks.append(Tok("NL", None, line))
            if i < n:
                line += 1
                i += 1
        elif c in ";:,()":
            toks.append(Tok("NL" if c == ";" else c, None, line))
            i += 1
        elif c == '"':
            i += 1
            out = bytearray()
            while True:
                if i >= n or text[i] == "\n":
                    raise MirError("ln %d: unfinished string" % line)
                c = text[i]
                if c == '"':
                    i += 1
                    break
                if c == "\\":
                    i += 1
                    c = text[i]
                    esc = {"n": 10, "t": 9, "v": 11, "a": 7, "b": 8, "r": 13, "f": 12}
                    if c in esc:
                        out.append(esc[c])
                        i += 1
                    elif c == "\n":
                        line += 1
                        i += 1
                    elif c in "01234567":
                        j = i
                        while j < n and j < i + 3 and text[j] in "01234567":
                            j += 1
                        out.append(int(text[i:j], 8) & 255)
                        i = j
                    elif c == "x":
                        h = text[i + 1:i + 3]
                        if len(h) < 2 or any(ch not in "0123456789abcdefABCDEF" for ch in h):
                            raise MirError("ln %d: wrong hex escape" % line)
                        out.append(int(h, 16))
                        i += 3
                    else:
                        out.append(ord(c))
                        i += 1
                else:
                    out.append(ord(c))
                    i += 1
            if len(out) > 0 and out[-1] != 0:
                out.append(0)
            toks.append(Tok("STR", bytes(out), line))
        elif c.isdigit() or (c in "+-" and i + 1 < n and text[i + 1].isdigit()):
            j = i
            if text[j] in "+-":
                j += 1
            real = False
            if text[j] == "0" and j + 1 < n and text[j + 1] in "xX":
                j += 2
                while j < n and (text[j] in "0123456789abcdefABCDEF_"):
                    j += 1
                body = text[i:j].replace("_", "")
                v = int(body, 16)
                toks.append(Tok("INT", v & M64, line))
                i = j
                continue
            while j < n and (text[j].isdigit() or text[j] == "_"):
                j += 1
            if j < n and text[j] == ".":
                real = True
                j += 1
                while j < n and (text[j].isdigit() or text[j] == "_"):
                    j += 1
            if j < n and text[j] in "eE":
                real = True
                j += 1
                if j < n and text[j] in "+-":
                    j += 1
                if j >= n or not text[j].isdigit():
                    raise MirError("ln %d: malformed exponent" % line)
                while j < n and text[j].isdigit():
                    j += 1
            body = text[i:j].replace("_", "")
            if real:
                sub = "d"
                if j < n and text[j] in "fF":
                    sub = "f"
                    j += 1
                elif j < n and text[j] in "lL":
                    sub = "ld"
                    j += 1
                if sub == "d":
                    v = float(body)
                elif sub == "f":
                    v = f32(float(body))
                else:
                    from decimal import Decimal
                    v = ld_round(Fraction(Decimal(body)))
                toks.append(Tok("REAL", v, line, sub))
            else:
                digits = body.lstrip("+-")
                if len(digits) > 1 and digits[0] == "0":
                    if any(ch in "89" for ch in digits):
                        raise MirError("ln %d: bad octal number %s" % (line, body))
                    v = int(digits, 8)
                else:
                    v = int(digits)
                if body[0] == "-":
                    v = -v
                toks.append(Tok("INT", v & M64, line))
            i = j
        elif c in NAME_START:
            j = i
            while j < n and text[j] in NAME_CHARS:
                j += 1
            toks.append(Tok("NAME", text[i:j], line))
            i = j
        else:
            raise MirError("ln %d: wrong char %r" % (line, c))
    toks.append(Tok("NL", None, line))
    return toks


# ---------------------------------------------------------------- types
INT_TYPES = {"i8": (1, True), "u8": (1, False), "i16": (2, True), "u16": (2, False),
             "i32": (4, True), "u32": (4, False), "i64": (8, True), "u64": (8, False),
             "p": (8, False)}
FP_TYPES = {"f": 4, "d": 8, "ld": 16}
BLK_TYPES = {"blk": "blk0", "blk0": "blk0", "blk1": "blk1", "blk2": "blk2", "blk3": "blk3",
             "blk4": "blk4", "rblk": "rblk"}
ALL_TYPES = set(INT_TYPES) | set(FP_TYPES) | set(BLK_TYPES)
VAR_TYPES = {"i64", "f", "d", "ld"}


def type_class(t):
    if t in INT_TYPES or t in BLK_TYPES:
        return "I"
    return {"f": "F", "d": "D", "ld": "LD"}[t]


def canon_int_type(t):
    return "i64" if t in ("i64", "u64", "p") else t


def ext_int(t, v):
    size, signed = INT_TYPES[t]
    if size == 8:
        return v & M64
    bits = size * 8
    v &= (1 << bits) - 1
    if signed and v >> (bits - 1):
        v |= ~((1 << bits) - 1)
    return v & M64


# ---------------------------------------------------------------- opcode table
def build_sigs():
    S = {}
    S["mov"] = ["oI", "I"]
    S["fmov"] = ["oF", "F"]
    S["dmov"] = ["oD", "D"]
    S["ldmov"] = ["oLD", "LD"]
    for m in ("ext8", "ext16", "ext32", "uext8", "uext16", "uext32", "neg", "negs"):
        S[m] = ["oI", "I"]
    conv = {"i2f": "FI", "i2d": "DI", "i2ld": "LI", "ui2f": "FI", "ui2d": "DI", "ui2ld": "LI",
            "f2i": "IF", "d2i": "ID", "ld2i": "IL", "f2d": "DF", "f2ld": "LF", "d2f": "FD",
            "d2ld": "LD", "ld2f": "FL", "ld2d": "DL"}
    cmap = {"I": "I", "F": "F", "D": "D", "L": "LD"}
    for m, (o, i) in conv.items():
        S[m] = ["o" + cmap[o], cmap[i]]
    S["fneg"] = ["oF", "F"]
    S["dneg"] = ["oD", "D"]
    S["ldneg"] = ["oLD", "LD"]
    for m in ("addr", "addr8", "addr16", "addr32"):
        S[m] = ["oI", "R"]
    ints = ["add", "sub", "mul", "div", "udiv", "mod", "umod", "and", "or", "xor", "lsh", "rsh",
            "ursh", "eq", "ne", "lt", "ult", "le", "ule", "gt", "ugt", "ge", "uge",
            "addo", "subo", "mulo", "umulo"]
    for m in ints:
        S[m] = ["oI", "I", "I"]
        S[m + "s"] = ["oI", "I", "I"]
    for pfx, c in (("f", "F"), ("d", "D"), ("ld", "LD")):
        for m in ("add", "sub", "mul", "div"):
            S[pfx + m] = ["o" + c, c, c]
        for m in ("eq", "ne", "lt", "le", "gt", "ge"):
            S[pfx + m] = ["oI", c, c]
            S[pfx + "b" + m] = ["L", c, c]
    S["jmp"] = ["L"]
    for m in ("bt", "bts", "bf", "bfs"):
        S[m] = ["L", "I"]
    for m in ("beq", "bne", "blt", "ble", "bgt", "bge", "ublt", "uble", "ubgt", "ubge"):
        S[m] = ["L", "I", "I"]
        S[m + "s"] = ["L", "I", "I"]
    for m in ("bo", "bno", "ubo", "ubno"):
        S[m] = ["L"]
    S["laddr"] = ["oI", "L"]
    S["jmpi"] = ["I"]
    S["alloca"] = ["oI", "I"]
    S["bstart"] = ["oI"]
    S["bend"] = ["I"]
    S["va_start"] = ["I"]
    S["va_end"] = ["I"]
    S["va_arg"] = ["oI", "I", "M"]
    S["va_block_arg"] = ["I", "I", "I", "I"]
    return S


SIGS = build_sigs()
VAR_OPS = {"call", "inline", "switch", "ret"}
LABEL_OP0 = {m for m, s in SIGS.items() if s and s[0] == "L"}


# ---------------------------------------------------------------- IR
class Operand:
    __slots__ = ("kind", "a", "b", "c", "d", "e", "line")

    def __init__(self, kind, a=None, b=None, c=None, d=None, e=None):
        self.kind, self.a, self.b, self.c, self.d, self.e = kind, a, b, c, d, e

    def __repr__(self):
        return "Op(%s %r %r %r %r %r)" % (self.kind, self.a, self.b, self.c, self.d, self.e)


class Func:
    def __init__(self, name, res, args, vararg, module):
        self.name, self.res, self.args, self.vararg, self.module = name, res, args, vararg, module
        self.vars = {}      # name -> (index, class)
        self.var_types = []
        self.insns = []     # (mnemonic, [operands], line)
        self.labels = {}    # label -> insn index
        self.used_labels = []
        self.addr = None
        self.code = None
        for (t, nm, size) in args:
            cls = "I" if (t in INT_TYPES or t in BLK_TYPES) else type_class(t)
            self.add_var(nm, cls, 0)

    def add_var(self, name, cls, line):
        if name in self.vars:
            raise MirError("ln %d: repeated variable %s in %s" % (line, name, self.name))
        if name.startswith("hr") and name[2:].isdigit() or name == "hr":
            raise MirError("ln %d: reserved name %s" % (line, name))
        self.vars[name] = (len(self.var_types), cls)
        self.var_types.append(cls)


class Proto:
    def __init__(self, name, res, args, vararg):
        self.name, self.res, self.args, self.vararg = name, res, args, vararg


class Item:
    def __init__(self, kind, name, obj=None):
        self.kind, self.name, self.obj = kind, name, obj  # kind: func proto data import export forward
        self.addr = None


class Module:
    def __init__(self, name):
        self.name = name
        self.items = {}
        self.order = []
        self.labels = set()
        self.data = []      # (name or None, kind, payload)
        self.funcs = []
        self.exports = set()
        self.imports = set()
        self.forwards = set()


# ---------------------------------------------------------------- parser
class Parser:
    def __init__(self, text):
        self.toks = lex(text)
        self.pos = 0
        self.modules = []

    def stmts(self):
        """Yield (labels, keyword_tok, operand_token_list, line)."""
        toks = self.toks
        n = len(toks)
        pending = []
        i = 0
        while i < n:
            while i < n and toks[i].kind == "NL":
                i += 1
            if i >= n:
                break
            labels = []
            while i + 1 < n and toks[i].kind == "NAME" and toks[i + 1].kind == ":":
                labels.append(toks[i].val)
                i += 2
            if labels and i < n and toks[i].kind == "NL":
                # label-only line: attaches to the next statement.  Like the ref
                # scanner, accept exactly one newline (or comment) after it.
                pending.extend(labels)
                i += 1
                if i < n and toks[i].kind == "NL":
                    raise MirError("ln %d: a label-only line must be followed directly by an instruction "
                                   "(no blank or comment line)" % toks[i].line)
                continue
            labels = pending + labels
            pending = []
            if toks[i].kind != "NAME":
                raise MirError("ln %d: insn should start with label or insn name" % toks[i].line)
            kw = toks[i]
            i += 1
            j = i
            while toks[j].kind != "NL":
                j += 1
            yield labels, kw, toks[i:j], kw.line
            i = j + 1
        if pending:
            raise MirError("label(s) %s at end of input" % pending)

    @staticmethod
    def split_commas(toks):
        groups, cur, depth = [], [], 0
        for t in toks:
            if t.kind == "(":
                depth += 1
            elif t.kind == ")":
                depth -= 1
            if t.kind == "," and depth == 0:
                groups.append(cur)
                cur = []
            else:
                cur.append(t)
        if cur or groups:
            groups.append(cur)
        return groups

    def parse_sig(self, groups, line, is_func):
        res, args, vararg = [], [], False
        for gi, g in enumerate(groups):
            if vararg:
                raise MirError("ln %d: `...` must be last" % line)
            if len(g) == 1 and g[0].kind == "NAME" and g[0].val == "...":
                vararg = True
                continue
            if len(g) == 1 and g[0].kind == "NAME":
                if args:
                    raise MirError("ln %d: all args should have form type:name" % line)
                t = g[0].val
                if t not in INT_TYPES and t not in FP_TYPES:
                    raise MirError("ln %d: wrong result type %s" % (line, t))
                res.append(t)
                continue
            if len(g) == 3 and g[0].kind == "NAME" and g[1].kind == ":" and g[2].kind == "NAME":
                t = g[0].val
                if t not in INT_TYPES and t not in FP_TYPES:
                    raise MirError("ln %d: wrong arg type %s" % (line, t))
                args.append((t, g[2].val, None))
                continue
            if (len(g) == 6 and g[0].kind == "NAME" and g[0].val in BLK_TYPES and g[1].kind == ":"
                    and g[2].kind == "INT" and g[3].kind == "(" and g[4].kind == "NAME" and g[5].kind == ")"):
                args.append((BLK_TYPES[g[0].val], g[4].val, g[2].val))
                continue
            raise MirError("ln %d: bad func/proto operand %r" % (line, g))
        if is_func and vararg and not args:
            raise MirError("ln %d: vararg func without mandatory args" % line)
        return res, args, vararg

    def parse_mem(self, g, line):
        # TYPE ':' [INT] ['(' [base] [',' index [',' scale]] ')'] [aliases]
        t = g[0].val
        k = 2
        disp = 0
        base = index = None
        scale = 1
        if k < len(g) and g[k].kind == "INT":
            disp = g[k].val
            k += 1
        have_paren = False
        if k < len(g) and g[k].kind == "(":
            have_paren = True
            k += 1
            if g[k].kind == "NAME":
                base = g[k].val
                k += 1
            if g[k].kind == ",":
                k += 1
                if g[k].kind != "NAME":
                    raise MirError("ln %d: bad index in memory operand" % line)
                index = g[k].val
                k += 1
                if g[k].kind == ",":
                    k += 1
                    if g[k].kind != "INT":
                        raise MirError("ln %d: bad scale" % line)
                    scale = g[k].val
                    k += 1
            if g[k].kind != ")":
                raise MirError("ln %d: expected ) in memory operand" % line)
            k += 1
        elif k == 2:
            raise MirError("ln %d: memory operand without address" % line)
        # aliases
        while k < len(g) and g[k].kind == ":":
            k += 1
            if k < len(g) and g[k].kind == "NAME":
                k += 1
        if k != len(g):
            raise MirError("ln %d: junk after memory operand %r" % (line, g))
        if scale not in (1, 2, 4, 8):
            raise MirError("ln %d: scale %d not in 1,2,4,8" % (line, scale))
        if t in BLK_TYPES:
            if index is not None or base is None:
                raise MirError("ln %d: block operand must be blk:size(base)" % line)
            return Operand("blk", BLK_TYPES[t], disp, base)
        if not have_paren and disp == 0 and False:
            pass
        return Operand("mem", t, disp, base, index, scale)

    def parse(self):
        mod = None
        func = None
        for labels, kw, optoks, line in self.stmts():
            k = kw.val
            groups = self.split_commas(optoks)
            if k == "module":
                if mod is not None:
                    raise MirError("ln %d: nested module" % line)
                if len(labels) != 1:
                    raise MirError("ln %d: module needs one label" % line)
                mod = Module(labels[0])
                continue
            if mod is None:
                raise MirError("ln %d: %s outside module" % (line, k))
            if k == "endmodule":
                if func is not None:
                    raise MirError("ln %d: absent endfunc" % line)
                self.modules.append(mod)
                mod = None
                continue
            if k in ("proto", "func"):
                if len(labels) != 1:
                    raise MirError("ln %d: %s needs exactly one label" % (line, k))
                name = labels[0]
                res, args, vararg = self.parse_sig(groups, line, k == "func")
                if k == "proto":
                    self.add_item(mod, Item("proto", name, Proto(name, res, args, vararg)), line)
                    continue
                if func is not None:
                    raise MirError("ln %d: nested func" % line)
                func = Func(name, res, args, vararg, mod)
                self.add_item(mod, Item("func", name, func), line)
                mod.funcs.append(func)
                if len(res) > 6:
                    raise MirError("ln %d: too many results" % line)
                continue
            if k == "endfunc":
                if func is None:
                    raise MirError("ln %d: endfunc outside func" % line)
                if labels:
                    raise MirError("ln %d: endfunc should have no labels" % line)
                self.finish_func(func, line)
                func = None
                continue
            if k in ("import", "export", "forward"):
                for g in groups:
                    if len(g) != 1 or g[0].kind != "NAME":
                        raise MirError("ln %d: bad %s operand" % (line, k))
                    nm = g[0].val
                    ex = mod.items.get(nm)
                    if k == "import":
                        if ex is not None and ex.kind != "import":
                            raise MirError("ln %d: import of local definition %s" % (line, nm))
                        if ex is None:
                            mod.items[nm] = Item("import", nm)
                        mod.imports.add(nm)
                    else:
                        if ex is not None and ex.kind == "import":
                            raise MirError("ln %d: export/forward of import %s" % (line, nm))
                        if ex is None:
                            mod.items[nm] = Item(k, nm)
                        (mod.exports if k == "export" else mod.forwards).add(nm)
                continue
            if k == "local":
                if func is None:
                    raise MirError("ln %d: local outside func" % line)
                for g in groups:
                    if len(g) != 3 or g[0].kind != "NAME" or g[1].kind != ":" or g[2].kind != "NAME":
                        raise MirError("ln %d: bad local %r" % (line, g))
                    if g[0].val not in VAR_TYPES:
                        raise MirError("ln %d: wrong type %s for local var" % (line, g[0].val))
                    func.add_var(g[2].val, type_class(g[0].val), line)
                continue
            if k in ("bss", "ref", "lref", "expr", "string") or (k in INT_TYPES and k != "p") or k in FP_TYPES:
                if func is not None:
                    raise MirError("ln %d: data inside a function (allowed by the ref, avoided here)" % line)
                if len(labels) > 1:
                    raise MirError("ln %d: data with several labels" % line)
                name = labels[0] if labels else None
                self.parse_data(mod, name, k, groups, line)
                continue
            # instruction
            if func is None:
                raise MirError("ln %d: instruction %s outside function" % (line, k))
            for lb in labels:
                if lb in mod.labels:
                    raise MirError("ln %d: redefinition of label %s in a module" % (line, lb))
                mod.labels.add(lb)
                func.labels[lb] = len(func.insns)
            ops = self.parse_insn_ops(mod, func, k, groups, line)
            func.insns.append((k, ops, line))
        if mod is not None:
            raise MirError("absent endmodule")
        return self.modules

    def add_item(self, mod, item, line):
        ex = mod.items.get(item.name)
        if ex is not None:
            if ex.kind == "import":
                raise MirError("ln %d: %s already defined as import" % (line, item.name))
            if ex.kind in ("export", "forward"):
                pass  # definition takes over
            else:
                raise MirError("ln %d: repeated item declaration %s" % (line, item.name))
        mod.items[item.name] = item
        mod.order.append(item)

    def parse_data(self, mod, name, k, groups, line):
        if k == "string":
            if len(groups) != 1 or len(groups[0]) != 1 or groups[0][0].kind != "STR":
                raise MirError("ln %d: bad string data" % line)
            payload = ("bytes", groups[0][0].val)
        elif k == "bss":
            payload = ("bss", groups[0][0].val)
        elif k == "ref":
            if len(groups) != 2:
                raise MirError("ln %d: ref needs name, disp" % line)
            nm = groups[0][0].val
            if nm not in mod.items:
                raise MirError("ln %d: undeclared name %s in ref" % (line, nm))
            payload = ("ref", nm, groups[1][0].val)
        elif k in ("lref", "expr"):
            raise MirError("ln %d: %s not supported by mirsim" % (line, k))
        else:
            vals = []
            for g in groups:
                if len(g) != 1:
                    raise MirError("ln %d: bad data operand" % line)
                t = g[0]
                if k in INT_TYPES:
                    if t.kind != "INT":
                        raise MirError("ln %d: data operand is not of data type" % line)
                else:
                    if t.kind != "REAL" or t.sub != k:
                        raise MirError("ln %d: data operand is not of data type" % line)
                vals.append(t.val)
            payload = ("vals", k, vals)
        item = Item("data", name, payload) if name else None
        if name:
            self.add_item(mod, item, line)
        mod.data.append((name, payload, item))

    def parse_insn_ops(self, mod, func, k, groups, line):
        ops = []
        for idx, g in enumerate(groups):
            label_pos = ((idx == 0 and (k in LABEL_OP0 or k in ("prbeq", "prbne")))
                         or (idx == 1 and k == "laddr") or (idx >= 1 and k == "switch"))
            if not g:
                raise MirError("ln %d: empty operand" % line)
            t0 = g[0]
            if label_pos:
                if len(g) != 1 or t0.kind != "NAME":
                    raise MirError("ln %d: label expected" % line)
                ops.append(Operand("label", t0.val))
                func.used_labels.append((t0.val, line))
                continue
            if len(g) >= 2 and t0.kind == "NAME" and g[1].kind == ":" and t0.val in ALL_TYPES:
                op = self.parse_mem(g, line)
                for vn in (op.c, op.d) if op.kind == "mem" else (op.c,):
                    if vn is not None:
                        if vn not in func.vars:
                            raise MirError("ln %d: undeclared name %s" % (line, vn))
                        if func.vars[vn][1] != "I":
                            raise MirError("ln %d: base/index reg of non-integer type" % line)
                if op.kind == "mem":
                    op.c = func.vars[op.c][0] if op.c is not None else None
                    op.d = func.vars[op.d][0] if op.d is not None else None
                else:
                    op.c = func.vars[op.c][0]
                ops.append(op)
                continue
            if len(g) != 1:
                raise MirError("ln %d: bad operand %r" % (line, g))
            if t0.kind == "INT":
                ops.append(Operand("imm", t0.val, "I"))
            elif t0.kind == "REAL":
                ops.append(Operand("imm", t0.val, {"f": "F", "d": "D", "ld": "LD"}[t0.sub]))
            elif t0.kind == "STR":
                ops.append(Operand("str", t0.val))
            elif t0.kind == "NAME":
                nm = t0.val
                if nm in func.vars:
                    ops.append(Operand("reg", func.vars[nm][0], func.vars[nm][1], nm))
                elif nm in mod.items:
                    ops.append(Operand("ref", nm))
                else:
                    raise MirError("ln %d: undeclared name %s" % (line, nm))
            else:
                raise MirError("ln %d: bad operand" % line)
        return ops

    # ---- verification at endfunc
    def finish_func(self, func, line):
        mod = func.module
        for lb, ln in func.used_labels:
            if lb not in func.labels:
                raise MirError("ln %d: label %s not defined in function %s" % (ln, lb, func.name))
        has_ret = False
        for (k, ops, ln) in func.insns:
            self.verify_insn(mod, func, k, ops, ln)
            if k == "ret":
                has_ret = True
            if k == "va_start" and not func.vararg:
                raise MirError("ln %d: va_start in non-vararg function" % ln)
        if not has_ret:
            last = func.insns[-1][0] if func.insns else None
            if last != "jmp":
                vals = []
                for t in func.res:
                    c = type_class(t)
                    vals.append(Operand("imm", {"I": 0, "F": 0.0, "D": 0.0, "LD": Fraction(0)}[c], c))
                func.insns.append(("ret", vals, line))

    def op_class(self, mod, op):
        if op.kind == "reg":
            return op.b
        if op.kind == "imm":
            return op.b
        if op.kind in ("str", "ref"):
            return "I"
        if op.kind == "mem":
            return type_class(op.a)
        if op.kind == "blk":
            return "BLK"
        return op.kind

    def verify_insn(self, mod, func, k, ops, ln):
        if k in VAR_OPS:
            if k == "switch":
                if len(ops) < 2:
                    raise MirError("ln %d: switch needs at least one label" % ln)
                if self.op_class(mod, ops[0]) != "I":
                    raise MirError("ln %d: switch index must be int" % ln)
                return
            if k == "ret":
                if len(ops) != len(func.res):
                    raise MirError("ln %d: ret has %d values, %s returns %d" % (ln, len(ops), func.name, len(func.res)))
                for op, t in zip(ops, func.res):
                    if self.op_class(mod, op) != type_class(t):
                        raise MirError("ln %d: ret value class mismatch for %s" % (ln, t))
                return
            # call / inline
            if len(ops) < 2 or ops[0].kind != "ref" or mod.items[ops[0].a].kind != "proto":
                raise MirError("ln %d: the 1st call operand should be a prototype" % ln)
            proto = mod.items[ops[0].a].obj
            fn = ops[1]
            if fn.kind == "ref":
                it = mod.items[fn.a]
                if it.kind not in ("func", "import", "export", "forward"):
                    raise MirError("ln %d: call target %s is not a function" % (ln, fn.a))
            elif self.op_class(mod, fn) != "I":
                raise MirError("ln %d: call target must be int" % ln)
            nres, nargs = len(proto.res), len(proto.args)
            if len(ops) < 2 + nres + nargs or (not proto.vararg and len(ops) != 2 + nres + nargs):
                raise MirError("ln %d: number of call operands or results does not correspond to prototype %s"
                               % (ln, proto.name))
            for i, t in enumerate(proto.res):
                op = ops[2 + i]
                if op.kind not in ("reg", "mem"):
                    raise MirError("ln %d: call result must be reg or mem" % ln)
                if self.op_class(mod, op) != type_class(t):
                    raise MirError("ln %d: call result %d class mismatch" % (ln, i))
            for i, (t, nm, size) in enumerate(proto.args):
                op = ops[2 + nres + i]
                if t in ("blk0", "blk1", "blk2", "blk3", "blk4", "rblk"):
                    if op.kind != "blk" or op.a != t:
                        raise MirError("ln %d: param %s is of block type %s but arg is not" % (ln, nm, t))
                    if op.b != size:
                        raise MirError("ln %d: different sizes (%d vs %d) of arg and param block" % (ln, op.b, size))
                else:
                    if op.kind == "blk":
                        raise MirError("ln %d: block arg for non-block param" % ln)
                    if self.op_class(mod, op) != type_class(t):
                        raise MirError("ln %d: arg %d (%s) class mismatch: %s vs %s"
                                       % (ln, i, nm, self.op_class(mod, op), type_class(t)))
            for op in ops[2 + nres + nargs:]:
                c = self.op_class(mod, op)
                if c == "F":
                    raise MirError("ln %d: passing float variadic arg" % ln)
                if op.kind == "blk" and op.a == "rblk":
                    raise MirError("ln %d: rblk as variadic arg" % ln)
            return
        sig = SIGS.get(k)
        if sig is None:
            raise MirError("ln %d: Unknown insn %s" % (ln, k))
        if len(ops) != len(sig):
            raise MirError("ln %d: wrong number of operands for %s" % (ln, k))
        for i, (op, s) in enumerate(zip(ops, sig)):
            out = s.startswith("o")
            want = s[1:] if out else s
            if op.kind == "blk":
                raise MirError("ln %d: block memory outside call" % ln)
            if want == "L":
                if op.kind != "label":
                    raise MirError("ln %d: label expected" % ln)
                continue
            if want == "R":
                if op.kind != "reg":
                    raise MirError("ln %d: register expected for operand %d" % (ln, i + 1))
                continue
            if want == "M":
                if op.kind != "mem":
                    raise MirError("ln %d: memory operand expected" % ln)
                continue
            c = self.op_class(mod, op)
            if c != want:
                raise MirError("ln %d: unexpected operand mode for operand #%d of %s. Got %s, expected %s"
                               % (ln, i + 1, k, c, want))
            if out and op.kind not in ("reg", "mem"):
                raise MirError("ln %d: wrong operand #%d for insn output" % (ln, i + 1))


# ---------------------------------------------------------------- machine
class Machine:
    def __init__(self):
        self.mem = bytearray(1 << 20)
        self.base = 0x10000
        self.brk = self.base
        self.free_lists = {}
        self.live = {}
        self.funcs_by_addr = {}
        self.out = []
        self.va_states = {}
        self.steps = 0

    # -- memory
    def _ensure(self, end):
        need = end - self.base
        if need > len(self.mem):
            newlen = len(self.mem)
            while newlen < need:
                newlen *= 2
            self.mem.extend(bytes(newlen - len(self.mem)))

    def malloc(self, size):
        size = max(16, (size + 15) & ~15)
        fl = self.free_lists.get(size)
        if fl:
            a = fl.pop()
        else:
            a = self.brk
            self.brk += size
            self._ensure(self.brk)
        self.live[a] = size
        # fill fresh memory with junk to catch uninitialised reads
        o = a - self.base
        self.mem[o:o + size] = b"\xcc" * size
        return a

    def free(self, a):
        if a == 0:
            return
        size = self.live.pop(a, None)
        if size is None:
            raise MirError("free of invalid pointer 0x%x" % a)
        o = a - self.base
        self.mem[o:o + size] = b"\xdd" * size   # poison: catches use after free/return
        self.free_lists.setdefault(size, []).append(a)

    def chk(self, a, n):
        o = a - self.base
        if o < 0 or o + n > self.brk - self.base:
            raise MirError("memory access out of range: 0x%x (+%d)" % (a, n))
        return o

    def load(self, t, a):
        if t in INT_TYPES:
            size, signed = INT_TYPES[t]
            o = self.chk(a, size)
            v = int.from_bytes(self.mem[o:o + size], "little", signed=signed)
            return v & M64
        if t == "d":
            o = self.chk(a, 8)
            return struct.unpack_from("<d", self.mem, o)[0]
        if t == "f":
            o = self.chk(a, 4)
            return struct.unpack_from("<f", self.mem, o)[0]
        if t == "ld":
            o = self.chk(a, 16)
            return ld_decode(bytes(self.mem[o:o + 10]))
        raise MirError("bad load type %s" % t)

    def store(self, t, a, v):
        if t in INT_TYPES:
            size = INT_TYPES[t][0]
            o = self.chk(a, size)
            self.mem[o:o + size] = (v & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        elif t == "d":
            o = self.chk(a, 8)
            struct.pack_into("<d", self.mem, o, v)
        elif t == "f":
            o = self.chk(a, 4)
            struct.pack_into("<f", self.mem, o, v)
        elif t == "ld":
            o = self.chk(a, 16)
            self.mem[o:o + 16] = ld_encode(v)
        else:
            raise MirError("bad store type %s" % t)

    def cstr(self, a):
        o = self.chk(a, 1)
        end = self.mem.index(0, o)
        if end + self.base > self.brk:
            raise MirError("unterminated string")
        return bytes(self.mem[o:end])

    def put_bytes(self, a, b):
        o = self.chk(a, len(b))
        self.mem[o:o + len(b)] = b


# ---------------------------------------------------------------- printf
def c_format(m, fmt, extras):
    out = bytearray()
    i, n, ai = 0, len(fmt), 0
    while i < n:
        c = fmt[i]
        if c != 37:  # '%'
            out.append(c)
            i += 1
            continue
        j = i + 1
        if j < n and fmt[j] == 37:
            out.append(37)
            i = j + 1
            continue
        flags = ""
        while j < n and chr(fmt[j]) in "-+ #0":
            flags += chr(fmt[j])
            j += 1
        width = ""
        while j < n and chr(fmt[j]).isdigit():
            width += chr(fmt[j])
            j += 1
        prec = None
        if j < n and fmt[j] == 46:
            j += 1
            prec = ""
            while j < n and chr(fmt[j]).isdigit():
                prec += chr(fmt[j])
                j += 1
            prec = int(prec or "0")
        length = ""
        while j < n and chr(fmt[j]) in "hlLqjzt":
            length += chr(fmt[j])
            j += 1
        conv = chr(fmt[j])
        i = j + 1
        if ai >= len(extras):
            raise MirError("printf: missing argument for %%%s" % conv)
        cls, v = extras[ai]
        ai += 1
        spec = "%" + flags + width + ("" if prec is None else "." + str(prec))
        if conv in "diuxXoc":
            if cls != "I":
                raise MirError("printf: %%%s needs an int argument, got %s" % (conv, cls))
            wide = length in ("l", "ll", "z", "j", "t", "q")
            if conv in "di":
                val = s64(v) if wide else s32(v)
                s = (spec + "d") % val
            elif conv == "c":
                s = chr(v & 255)
            else:
                val = (v & M64) if wide else (v & M32)
                s = (spec + conv) % val
            out += s.encode()
        elif conv in "feEgG":
            if length == "L":
                if cls != "LD":
                    raise MirError("printf: %%L%s needs a long double, got %s" % (conv, cls))
                if conv != "f" or flags or width:
                    raise MirError("mirsim: only plain %.NLf is supported for long double")
                p = 6 if prec is None else prec
                q = v * (10 ** p)
                neg = q < 0
                r = round(abs(q))  # round half to even, like glibc in the default mode
                digits = str(r).rjust(p + 1, "0")
                s = digits[:len(digits) - p] + ("." + digits[len(digits) - p:] if p > 0 else "")
                if neg:
                    s = "-" + s
                out += s.encode()
            else:
                if cls != "D":
                    raise MirError("printf: %%%s needs a double argument, got %s" % (conv, cls))
                out += ((spec + conv) % v).encode()
        elif conv == "s":
            if cls != "I":
                raise MirError("printf: %s needs a pointer")
            sb = m.cstr(v)
            if prec is not None:
                sb = sb[:prec]
            s = sb.decode("latin-1")
            if width:
                s = s.rjust(int(width)) if "-" not in flags else s.ljust(int(width))
            out += s.encode("latin-1")
        else:
            raise MirError("printf: unsupported conversion %%%s" % conv)
    if ai != len(extras):
        raise MirError("printf: %d unused arguments" % (len(extras) - ai))
    return bytes(out)


# ---------------------------------------------------------------- libc
LIBC_SIGS = {
    "printf": (["i32"], ["p"], True),
    "sprintf": (["i32"], ["p", "p"], True),
    "atoi": (["i32"], ["p"], False),
    "malloc": (["p"], ["u64"], False),
    "calloc": (["p"], ["u64", "u64"], False),
    "free": ([], ["p"], False),
    "memcpy": (["p"], ["p", "p", "u64"], False),
    "strlen": (["u64"], ["p"], False),
    "strcmp": (["i32"], ["p", "p"], False),
    "sqrt": (["d"], ["d"], False),
}


def libc_call(m, name, args, extras):
    if name == "printf":
        s = c_format(m, m.cstr(args[0]), extras)
        m.out.append(s)
        return [len(s)]
    if name == "sprintf":
        s = c_format(m, m.cstr(args[1]), extras)
        m.put_bytes(args[0], s + b"\0")
        return [len(s)]
    if name == "atoi":
        s = m.cstr(args[0]).decode("latin-1").strip()
        k = 0
        if k < len(s) and s[k] in "+-":
            k += 1
        while k < len(s) and s[k].isdigit():
            k += 1
        try:
            v = int(s[:k])
        except ValueError:
            v = 0
        return [v & M64]
    if name == "malloc":
        return [m.malloc(args[0])]
    if name == "calloc":
        size = args[0] * args[1]
        a = m.malloc(size)
        o = a - m.base
        m.mem[o:o + size] = bytes(size)
        return [a]
    if name == "free":
        m.free(args[0])
        return []
    if name == "memcpy":
        d, s, n = args
        if n:
            so = m.chk(s, n)
            do = m.chk(d, n)
            m.mem[do:do + n] = m.mem[so:so + n]
        return [d]
    if name == "strlen":
        return [len(m.cstr(args[0]))]
    if name == "strcmp":
        a, b = m.cstr(args[0]), m.cstr(args[1])
        return [((a > b) - (a < b)) & M64]
    if name == "sqrt":
        x = args[0]
        return [math.sqrt(x) if x >= 0 else float("nan")]
    raise MirError("unknown import %s" % name)


# ---------------------------------------------------------------- loader / executor
class Ret(Exception):
    pass


class Frame:
    __slots__ = ("r", "allocs", "extras", "func")

    def __init__(self, func, nvars):
        self.r = [None] * nvars
        self.allocs = []
        self.extras = None
        self.func = func


def same_sig(proto, fres, fargs, fvararg):
    if proto.vararg != fvararg or len(proto.res) != len(fres) or len(proto.args) != len(fargs):
        return False
    for a, b in zip(proto.res, fres):
        if canon_int_type(a) != canon_int_type(b):
            return False
    for (ta, _, sa), (tb, _, sb) in zip(proto.args, fargs):
        if canon_int_type(ta) != canon_int_type(tb) or sa != sb:
            return False
    return True


class Runner:
    def __init__(self, modules):
        self.m = Machine()
        self.modules = modules
        self.exports = {}
        self.label_base = 0x7F0000000000
        self.func_list = []
        self.load()

    def load(self):
        m = self.m
        self._pending_ref = []
        for mod in self.modules:
            for f in mod.funcs:
                f.addr = m.malloc(16)
                f.id = len(self.func_list)
                self.func_list.append(f)
                m.funcs_by_addr[f.addr] = f
            # sections (spec 2.7): a named data item starts a section, anonymous
            # items that follow it are laid out contiguously after it, no padding
            sections = []
            for name, payload, item in mod.data:
                if name is not None or not sections:
                    sections.append([])
                sections[-1].append((payload, item))
            for sec in sections:
                sizes = []
                for payload, item in sec:
                    kind = payload[0]
                    if kind == "bytes":
                        sizes.append(len(payload[1]))
                    elif kind == "bss":
                        sizes.append(payload[1])
                    elif kind == "ref":
                        sizes.append(8)
                    else:
                        t = payload[1]
                        sizes.append((INT_TYPES[t][0] if t in INT_TYPES else FP_TYPES[t]) * len(payload[2]))
                total = (sum(sizes) + 7) & ~7
                a = m.malloc(max(total, 8))
                for (payload, item), size in zip(sec, sizes):
                    kind = payload[0]
                    if kind == "bytes":
                        m.put_bytes(a, payload[1])
                    elif kind == "bss":
                        m.put_bytes(a, bytes(size))
                    elif kind == "ref":
                        self._pending_ref.append((mod, payload, a))
                    else:
                        t, vals = payload[1], payload[2]
                        esz = INT_TYPES[t][0] if t in INT_TYPES else FP_TYPES[t]
                        for i, v in enumerate(vals):
                            m.store(t, a + i * esz, v)
                    if item is not None:
                        item.addr = a
                    a += size
            for nm in mod.exports:
                it = mod.items[nm]
                if it.kind not in ("func", "data"):
                    raise MirError("export of undefined item %s" % nm)
                self.exports[nm] = it
        self.builtins = {}
        for name in LIBC_SIGS:
            a = m.malloc(16)
            self.builtins[name] = a
            m.funcs_by_addr[a] = name
        for mod in self.modules:
            for nm in mod.forwards:
                if mod.items[nm].kind not in ("func", "data"):
                    raise MirError("forward of undefined item %s" % nm)
        for mod, payload, a in self._pending_ref:
            m.store("i64", a, (self.item_addr(mod, payload[1]) + payload[2]) & M64)
        for mod in self.modules:
            for f in mod.funcs:
                self.compile(f)

    def item_addr(self, mod, nm):
        it = mod.items[nm]
        if it.kind == "func":
            return it.obj.addr
        if it.kind == "data":
            return it.addr
        if it.kind == "import":
            if nm in self.exports:
                ex = self.exports[nm]
                return ex.obj.addr if ex.kind == "func" else ex.addr
            if nm in self.builtins:
                return self.builtins[nm]
            raise MirError("import of undefined item %s" % nm)
        if it.kind == "proto":
            raise MirError("proto %s used as a value" % nm)
        raise MirError("unresolved item %s" % nm)

    # -- operand compilation
    def getter(self, mod, op):
        m = self.m
        k = op.kind
        if k == "reg":
            idx = op.a
            if op.b == "I":
                def g(fr, idx=idx):
                    v = fr.r[idx]
                    return v
            else:
                def g(fr, idx=idx):
                    return fr.r[idx]
            return g
        if k == "imm":
            v = op.a
            return lambda fr, v=v: v
        if k == "ref":
            a = self.item_addr(mod, op.a)
            return lambda fr, a=a: a
        if k == "str":
            b = op.a
            a = m.malloc(max(len(b), 1))
            m.put_bytes(a, b)
            return lambda fr, a=a: a
        if k == "mem":
            ad = self.addr_fn(op)
            t = op.a
            load = m.load
            return lambda fr, ad=ad, t=t: load(t, ad(fr))
        if k == "blk":
            idx = op.c
            return lambda fr, idx=idx: fr.r[idx]
        raise MirError("bad operand kind %s" % k)

    def setter(self, mod, op):
        m = self.m
        if op.kind == "reg":
            idx = op.a
            cls = op.b
            if cls == "I":
                def s(fr, v, idx=idx):
                    fr.r[idx] = v & M64
            elif cls == "F":
                def s(fr, v, idx=idx):
                    fr.r[idx] = f32(v)
            else:
                def s(fr, v, idx=idx):
                    fr.r[idx] = v
            return s
        if op.kind == "mem":
            ad = self.addr_fn(op)
            t = op.a
            store = m.store
            return lambda fr, v, ad=ad, t=t: store(t, ad(fr), v)
        raise MirError("bad output operand")

    def addr_fn(self, op):
        disp, base, index, scale = op.b, op.c, op.d, op.e

        def check(v, fr, which):
            if v is None:
                raise MirError("%s register of memory operand is uninitialised" % which)
            return v
        if base is not None and index is not None:
            return lambda fr: (disp + check(fr.r[base], fr, "base") + check(fr.r[index], fr, "index") * scale) & M64
        if base is not None:
            return lambda fr: (disp + check(fr.r[base], fr, "base")) & M64
        if index is not None:
            return lambda fr: (disp + check(fr.r[index], fr, "index") * scale) & M64
        return lambda fr: disp

    # -- instruction compilation
    def compile(self, f):
        mod = f.module
        code = []
        for (k, ops, ln) in f.insns:
            code.append(self.compile_insn(mod, f, k, ops, ln))
        f.code = code

    def compile_insn(self, mod, f, k, ops, ln):
        G = [None if (o.kind == "label" or (i == 0 and k in ("call", "inline"))) else self.getter(mod, o)
             for i, o in enumerate(ops)]
        m = self.m
        lab = lambda o: f.labels[o.a]

        def wrap(fn):
            def w(fr):
                try:
                    return fn(fr)
                except MirError as e:
                    if getattr(e, "located", False):
                        raise
                    e2 = MirError("%s (in %s, line %d: %s)" % (e, f.name, ln, k))
                    e2.located = True
                    raise e2
                except (TypeError, ValueError, IndexError, OverflowError, ZeroDivisionError) as e:
                    e2 = MirError("%s: %s (in %s, line %d: %s)" % (type(e).__name__, e, f.name, ln, k))
                    e2.located = True
                    raise e2
            return w

        def binop(fn):
            s = self.setter(mod, ops[0])
            a, b = G[1], G[2]
            return lambda fr: s(fr, fn(a(fr), b(fr)))

        def unop(fn):
            s = self.setter(mod, ops[0])
            a = G[1]
            return lambda fr: s(fr, fn(a(fr)))

        def iv(x):
            if x is None or not isinstance(x, int):
                raise MirError("uninitialised or non-int value %r" % (x,))
            return x

        def fv(x):
            if x is None:
                raise MirError("uninitialised fp value")
            return x

        if k in ("mov", "fmov", "dmov", "ldmov"):
            if k == "mov":
                return wrap(unop(lambda x: iv(x) & M64))
            return wrap(unop(fv))
        if k.startswith("ext") or k.startswith("uext"):
            bits = int(k.lstrip("uext"))
            signed = not k.startswith("u")

            def ext(x, bits=bits, signed=signed):
                x = iv(x) & ((1 << bits) - 1)
                if signed and x >> (bits - 1):
                    x |= ~((1 << bits) - 1)
                return x & M64
            return wrap(unop(ext))
        conv = {
            "i2d": lambda x: float(s64(iv(x))), "ui2d": lambda x: float(iv(x)),
            "i2f": lambda x: f32(float(s64(iv(x)))), "ui2f": lambda x: f32(float(iv(x))),
            "i2ld": lambda x: ld_round(Fraction(s64(iv(x)))), "ui2ld": lambda x: ld_round(Fraction(iv(x))),
            "d2i": lambda x: d2i(fv(x)), "f2i": lambda x: d2i(fv(x)), "ld2i": lambda x: ld2i(fv(x)),
            "f2d": lambda x: fv(x), "d2f": lambda x: f32(fv(x)), "f2ld": lambda x: Fraction(fv(x)),
            "d2ld": lambda x: Fraction(fv(x)), "ld2d": lambda x: float(fv(x)), "ld2f": lambda x: f32(float(fv(x))),
        }
        if k in conv:
            return wrap(unop(conv[k]))
        if k == "neg":
            return wrap(unop(lambda x: (-iv(x)) & M64))
        if k == "negs":
            return wrap(unop(lambda x: res32(-iv(x))))
        if k in ("fneg", "dneg", "ldneg"):
            return wrap(unop(lambda x: -fv(x)))
        I64 = {
            "add": lambda a, b: (a + b) & M64,
            "sub": lambda a, b: (a - b) & M64,
            "mul": lambda a, b: (a * b) & M64,
            "div": lambda a, b: sdiv(s64(a), s64(b)) & M64,
            "udiv": lambda a, b: udiv(a, b),
            "mod": lambda a, b: smod(s64(a), s64(b)) & M64,
            "umod": lambda a, b: umod(a, b),
            "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b,
            "lsh": lambda a, b: (a << (b & 63)) & M64,
            "rsh": lambda a, b: (s64(a) >> (b & 63)) & M64,
            "ursh": lambda a, b: a >> (b & 63),
            "eq": lambda a, b: int(a == b), "ne": lambda a, b: int(a != b),
            "lt": lambda a, b: int(s64(a) < s64(b)), "le": lambda a, b: int(s64(a) <= s64(b)),
            "gt": lambda a, b: int(s64(a) > s64(b)), "ge": lambda a, b: int(s64(a) >= s64(b)),
            "ult": lambda a, b: int(a < b), "ule": lambda a, b: int(a <= b),
            "ugt": lambda a, b: int(a > b), "uge": lambda a, b: int(a >= b),
        }
        I32 = {
            "adds": lambda a, b: res32(a + b),
            "subs": lambda a, b: res32(a - b),
            "muls": lambda a, b: res32((a & M32) * (b & M32)),
            "divs": lambda a, b: res32(sdiv(s32(a), s32(b))),
            "udivs": lambda a, b: res32u(udiv(a & M32, b & M32)),
            "mods": lambda a, b: res32(smod(s32(a), s32(b))),
            "umods": lambda a, b: res32u(umod(a & M32, b & M32)),
            "ands": lambda a, b: res32(a & b), "ors": lambda a, b: res32(a | b),
            "xors": lambda a, b: res32(a ^ b),
            "lshs": lambda a, b: res32((a & M32) << (b & 31)),
            "rshs": lambda a, b: res32(s32(a) >> (b & 31)),
            "urshs": lambda a, b: res32u((a & M32) >> (b & 31)),
            "eqs": lambda a, b: int(a & M32 == b & M32), "nes": lambda a, b: int(a & M32 != b & M32),
            "lts": lambda a, b: int(s32(a) < s32(b)), "les": lambda a, b: int(s32(a) <= s32(b)),
            "gts": lambda a, b: int(s32(a) > s32(b)), "ges": lambda a, b: int(s32(a) >= s32(b)),
            "ults": lambda a, b: int(a & M32 < b & M32), "ules": lambda a, b: int(a & M32 <= b & M32),
            "ugts": lambda a, b: int(a & M32 > b & M32), "uges": lambda a, b: int(a & M32 >= b & M32),
        }
        if k in I64:
            fn = I64[k]
            return wrap(binop(lambda a, b, fn=fn: fn(iv(a), iv(b))))
        if k in I32:
            fn = I32[k]
            return wrap(binop(lambda a, b, fn=fn: fn(iv(a), iv(b))))
        for pfx in ("ld", "d", "f"):
            if k.startswith(pfx) and k[len(pfx):] in ("add", "sub", "mul", "div", "eq", "ne", "lt", "le", "gt", "ge"):
                op = k[len(pfx):]
                rnd = {"ld": ld_round, "d": lambda x: x, "f": f32}[pfx]
                fns = {
                    "add": lambda a, b: rnd(a + b), "sub": lambda a, b: rnd(a - b),
                    "mul": lambda a, b: rnd(a * b), "div": lambda a, b: rnd(fdiv(a, b)),
                    "eq": lambda a, b: int(a == b), "ne": lambda a, b: int(not (a == b)),
                    "lt": lambda a, b: int(a < b), "le": lambda a, b: int(a <= b),
                    "gt": lambda a, b: int(a > b), "ge": lambda a, b: int(a >= b),
                }
                fn = fns[op]
                return wrap(binop(lambda a, b, fn=fn: fn(fv(a), fv(b))))
        # branches
        if k == "jmp":
            t = lab(ops[0])
            return lambda fr, t=t: t
        if k in ("bt", "bts", "bf", "bfs"):
            t = lab(ops[0])
            a = G[1]
            mask = M32 if k.endswith("s") else M64
            want = k.startswith("bt")
            return wrap(lambda fr: t if ((iv(a(fr)) & mask) != 0) == want else None)
        BR = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b, "lt": lambda a, b: a < b,
              "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b}
        if k in SIGS and len(SIGS[k]) == 3 and SIGS[k][0] == "L":
            t = lab(ops[0])
            a, b = G[1], G[2]
            if k.startswith("ldb") or k.startswith("db") or k.startswith("fb"):
                cmpk = k.split("b", 1)[1]
                fn = BR[cmpk]
                if cmpk == "ne":
                    return wrap(lambda fr: t if not (fv(a(fr)) == fv(b(fr))) else None)
                return wrap(lambda fr: t if fn(fv(a(fr)), fv(b(fr))) else None)
            uns = k.startswith("u")
            body = k[2:] if uns else k[1:]
            short = body.endswith("s")
            if short:
                body = body[:-1]
            fn = BR[body]
            if short:
                conv_ = (lambda x: iv(x) & M32) if uns else (lambda x: s32(iv(x)))
            else:
                conv_ = (lambda x: iv(x)) if uns else (lambda x: s64(iv(x)))
            return wrap(lambda fr: t if fn(conv_(a(fr)), conv_(b(fr))) else None)
        if k == "switch":
            targets = [lab(o) for o in ops[1:]]
            a = G[0]

            def sw(fr):
                v = s64(iv(a(fr)))
                if v < 0 or v >= len(targets):
                    raise MirError("switch index %d out of range" % v)
                return targets[v]
            return wrap(sw)
        if k == "laddr":
            s = self.setter(mod, ops[0])
            v = self.label_base + (f.id << 20) + lab(ops[1])

            def la(fr):
                s(fr, v)
            return wrap(la)
        if k == "jmpi":
            a = G[0]
            fid = f.id

            def ji(fr):
                v = iv(a(fr)) - self.label_base
                if v < 0 or (v >> 20) != fid:
                    raise MirError("jmpi to an address that is not a label of this function: 0x%x" % (v + self.label_base))
                return v & ((1 << 20) - 1)
            return wrap(ji)
        if k == "alloca":
            s = self.setter(mod, ops[0])
            a = G[1]

            def al(fr):
                p = m.malloc(iv(a(fr)))
                fr.allocs.append(p)
                s(fr, p)
            return wrap(al)
        if k == "va_start":
            a = G[0]

            def vs(fr):
                m.va_states[iv(a(fr))] = [fr.extras, 0]
            return wrap(vs)
        if k == "va_end":
            a = G[0]

            def ve(fr):
                m.va_states.pop(iv(a(fr)), None)
            return wrap(ve)
        if k == "va_arg":
            s = self.setter(mod, ops[0])
            a = G[1]
            t = ops[2].a
            want = type_class(t)

            def va(fr):
                st = m.va_states.get(iv(a(fr)))
                if st is None:
                    raise MirError("va_arg on a va_list that was not started")
                ex, pos = st
                if pos >= len(ex):
                    raise MirError("va_arg past the last variadic argument")
                cls, v = ex[pos]
                if cls != want:
                    raise MirError("va_arg type %s but the argument is of class %s" % (t, cls))
                st[1] = pos + 1
                p = m.malloc(16)
                fr.allocs.append(p)
                m.store(t if t != "p" else "i64", p, v)
                s(fr, p)
            return wrap(va)
        if k == "ret":
            gs = G
            types = f.res

            def rt(fr):
                vals = []
                for g, t in zip(gs, types):
                    v = g(fr)
                    if t in INT_TYPES:
                        v = ext_int(t, iv(v))
                    elif t == "f":
                        v = f32(fv(v))
                    else:
                        v = fv(v)
                    vals.append(v)
                return ("ret", vals)
            return wrap(rt)
        if k in ("call", "inline"):
            return wrap(self.compile_call(mod, f, ops, G))
        raise MirError("ln %d: mirsim does not implement %s" % (ln, k))

    def compile_call(self, mod, f, ops, G):
        m = self.m
        proto = mod.items[ops[0].a].obj
        nres, nargs = len(proto.res), len(proto.args)
        fn_get = G[1]
        res_set = [self.setter(mod, o) for o in ops[2:2 + nres]]
        arg_get = G[2 + nres:2 + nres + nargs]
        extra_ops = ops[2 + nres + nargs:]
        extra_get = G[2 + nres + nargs:]
        extra_cls = [Parser.op_class(None, mod, o) for o in extra_ops]
        runner = self

        def call(fr):
            target = fn_get(fr)
            args = []
            for (t, nm, size), g in zip(proto.args, arg_get):
                v = g(fr)
                if t in INT_TYPES:
                    v = ext_int(t, v)
                elif t == "f":
                    v = f32(v)
                args.append(v)
            extras = [(c, g(fr)) for c, g in zip(extra_cls, extra_get)]
            callee = m.funcs_by_addr.get(target)
            if callee is None:
                raise MirError("call to a non-function address 0x%x" % target)
            if isinstance(callee, str):
                sres, sargs, svar = LIBC_SIGS[callee]
                if not same_sig(proto, sres, [(t, "", None) for t in sargs], svar):
                    raise MirError("proto %s does not match libc %s" % (proto.name, callee))
                vals = libc_call(m, callee, args, extras)
            else:
                if not same_sig(proto, callee.res, callee.args, callee.vararg):
                    raise MirError("proto %s does not match the signature of %s" % (proto.name, callee.name))
                vals = runner.run_func(callee, args, extras)
            for s, t, v in zip(res_set, proto.res, vals):
                if t in INT_TYPES:
                    v = ext_int(t, v)
                s(fr, v)
        return call

    def run_func(self, func, args, extras):
        m = self.m
        fr = Frame(func, len(func.var_types))
        for i, cls in enumerate(func.var_types):
            fr.r[i] = 0xDEADBEEFDEADBEEF if cls == "I" else None
        for i, ((t, nm, size), v) in enumerate(zip(func.args, args)):
            if t in INT_TYPES:
                fr.r[i] = ext_int(t, v)
            elif t in ("blk0", "blk1", "blk2", "blk3", "blk4"):
                # callee works on its own copy of the block
                p = m.malloc(max(size, 1))
                fr.allocs.append(p)
                so = m.chk(v, size)
                po = m.chk(p, size)
                m.mem[po:po + size] = m.mem[so:so + size]
                fr.r[i] = p
            else:
                fr.r[i] = v
        if func.vararg:
            fr.extras = extras
        elif extras:
            raise MirError("variadic args passed to non-variadic %s" % func.name)
        code = func.code
        pc = 0
        try:
            while True:
                r = code[pc](fr)
                if r is None:
                    pc += 1
                elif r.__class__ is int:
                    pc = r
                else:
                    return r[1]
        finally:
            for p in fr.allocs:
                m.free(p)

    def run_main(self, argv):
        if "main" not in self.exports:
            raise MirError("no exported main")
        main = self.exports["main"].obj
        m = self.m
        ptrs = []
        for s in argv:
            b = s.encode() + b"\0"
            a = m.malloc(len(b))
            m.put_bytes(a, b)
            ptrs.append(a)
        av = m.malloc(8 * (len(ptrs) + 1))
        for i, p in enumerate(ptrs + [0]):
            m.store("i64", av + 8 * i, p)
        args = []
        for (t, nm, size), v in zip(main.args, [len(argv), av]):
            args.append(v)
        vals = self.run_func(main, args[:len(main.args)], [])
        return vals


def sdiv(a, b):
    if b == 0:
        raise MirError("division by zero")
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def smod(a, b):
    return a - sdiv(a, b) * b


def udiv(a, b):
    if b == 0:
        raise MirError("division by zero")
    return a // b


def umod(a, b):
    if b == 0:
        raise MirError("division by zero")
    return a % b


def fdiv(a, b):
    if isinstance(a, Fraction):
        if b == 0:
            raise MirError("ld division by zero (not modelled)")
        return a / b
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return float("nan")
        return math.copysign(float("inf"), a) * math.copysign(1.0, b)


def d2i(x):
    if x != x or x in (float("inf"), float("-inf")) or not (-2.0 ** 63 <= x < 2.0 ** 63):
        return 1 << 63
    return int(x) & M64


def ld2i(x):
    v = int(x)
    if not (-(1 << 63) <= v < (1 << 63)):
        return 1 << 63
    return v & M64


def main():
    global UPPER_MODE
    argv = sys.argv[1:]
    check_only = False
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt == "--check":
            check_only = True
        elif opt.startswith("--upper="):
            UPPER_MODE = opt.split("=", 1)[1]
        else:
            print("unknown option " + opt, file=sys.stderr)
            return 2
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    sys.setrecursionlimit(100000)
    if check_only:
        bad = 0
        for fn in argv:
            try:
                Parser(open(fn).read()).parse()
                print("%s: ok" % fn)
            except MirError as e:
                print("%s: %s" % (fn, e))
                bad += 1
        return 1 if bad else 0
    fn = argv[0]
    try:
        mods = Parser(open(fn).read()).parse()
        r = Runner(mods)
        vals = r.run_main([fn] + argv[1:])
    except MirError as e:
        sys.stdout.buffer.write(b"".join(r.m.out) if "r" in locals() else b"")
        print("%s: error: %s" % (fn, e), file=sys.stderr)
        return 3
    sys.stdout.buffer.write(b"".join(r.m.out))
    return s32(vals[0]) & 255 if vals else 0


if __name__ == "__main__":
    sys.exit(main())
