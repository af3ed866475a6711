/* sl-datagen: writing documents out, as JSONL or as one .txt file per
 * document, and their ground truth as JSONL. */
#include "datagen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ----------------------------------------------------------------- output */

static void put_json_string(buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_reserve(b, n + 2);
    b->p[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && (unsigned char)s[run] >= 0x20 && s[run] != '"' && s[run] != '\\')
            run++;
        buf_put(b, s + i, run - i);
        if (run == n)
            break;
        unsigned char c = (unsigned char)s[run];
        char esc[6] = { '\\', (char)c, 0, 0, 0, 0 };
        size_t len = 2;
        if (c == '\n')
            esc[1] = 'n';
        else if (c == '\t')
            esc[1] = 't';
        else if (c < 0x20) {
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        buf_put(b, esc, len);
        i = run + 1;
    }
    buf_putc(b, '"');
}

static void put_json_field(buf *b, const char *key, const char *val, size_t n)
{
    buf_put(b, b->len ? ", \"" : "{\"", b->len ? 3 : 2);
    buf_puts(b, key);
    buf_puts(b, "\": ");
    put_json_string(b, val, n);
}

static void put_iso_time(buf *b, int minutes)
{
    civil c = civil_from_days(minutes / 1440);
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:00Z", c.year, c.month + 1, c.day,
             minutes % 1440 / 60, minutes % 60);
    buf_puts(b, tmp);
}

static void doc_to_json(buf *b, const doc *d, buf *tmp)
{
    const char *src = outlets[d->outlet].name;
    b->len = 0;
    put_json_field(b, "id", d->id, strlen(d->id));
    put_json_field(b, "source", src, strlen(src));
    put_json_field(b, "url", d->url.p, d->url.len);
    if (d->has_published) {
        tmp->len = 0;
        put_iso_time(tmp, d->published);
        put_json_field(b, "published", tmp->p, tmp->len);
    }
    if (d->has_title)
        put_json_field(b, "title", d->title_out.p, d->title_out.len);
    put_json_field(b, "text", d->text.p, d->text.len);
    buf_puts(b, "}\n");
}

static void truth_to_json(buf *b, const doc *d)
{
    char story_id[16];
    snprintf(story_id, sizeof story_id, "s%06u", (unsigned)d->st.id);
    b->len = 0;
    put_json_field(b, "id", d->id, strlen(d->id));
    put_json_field(b, "story", story_id, strlen(story_id));
    put_json_field(b, "cluster", d->cluster, strlen(d->cluster));
    put_json_field(b, "relation", relation_names[d->rel], strlen(relation_names[d->rel]));
    if (d->of[0])
        put_json_field(b, "of", d->of, strlen(d->of));
    else
        buf_puts(b, ", \"of\": null");
    put_json_field(b, "damage", d->damage, strlen(d->damage));
    buf_puts(b, "}\n");
}

static FILE *open_file(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("cannot open '%s' for writing: %s", path, strerror(errno));
    return f;
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die("cannot create directory '%s': %s", path, strerror(errno));
}

void sink_open(sink *k, const options *o)
{
    memset(k, 0, sizeof *k);
    k->opt = o;
    if (o->txt_dir)
        make_dir(o->output);
    else if (o->output)
        k->out = open_file(o->output);
    else
        k->out = stdout;
    if (k->out)
        setvbuf(k->out, NULL, _IOFBF, 1 << 20);
    if (o->truth)
        k->truth = open_file(o->truth);
}

static void write_all(FILE *f, const char *what, const char *p, size_t n)
{
    if (fwrite(p, 1, n, f) != n)
        die("cannot write %s: %s", what, strerror(errno));
}

static void write_txt(sink *k, const doc *d, uint64_t index)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%04llu", k->opt->output, (unsigned long long)(index / 1000));
    if (n < 0 || (size_t)n + 20 >= sizeof path)
        die("output path too long");
    if (index % 1000 == 0)
        make_dir(path);
    snprintf(path + n, sizeof path - (size_t)n, "/%s.txt", d->id);
    FILE *f = open_file(path);
    write_all(f, path, d->text.p, d->text.len);
    if (fclose(f) != 0)
        die("cannot write '%s': %s", path, strerror(errno));
}

/* Write d unless it would take the output past --size; false then. */
bool sink_write(sink *k, const doc *d, uint64_t index)
{
    if (k->opt->txt_dir) {
        if (k->bytes + d->text.len > k->opt->size)
            return false;
        write_txt(k, d, index);
        k->bytes += d->text.len;
    } else {
        doc_to_json(&k->line, d, &k->tmp);
        if (k->bytes + k->line.len > k->opt->size)
            return false;
        write_all(k->out, "output", k->line.p, k->line.len);
        k->bytes += k->line.len;
    }
    if (k->truth) {
        truth_to_json(&k->line, d);
        write_all(k->truth, "truth file", k->line.p, k->line.len);
    }
    return true;
}

void sink_close(sink *k)
{
    if (k->out && (fflush(k->out) != 0 || (k->out != stdout && fclose(k->out) != 0)))
        die("cannot write output: %s", strerror(errno));
    if (k->truth && fclose(k->truth) != 0)
        die("cannot write truth file: %s", strerror(errno));
    free(k->line.p);
    free(k->tmp.p);
}

