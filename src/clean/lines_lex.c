/* Cue-word lexicons (en, de, fr, es, pt, ru, it) for the line classifier.
 * The phrases are the ordinary wording of page furniture (share buttons,
 * comment forms, newsletter prompts, ...), folded to lower case. */
#include "lines_lex.h"

#include <string.h>

#define ANY SL_CUE_ANY
#define START SL_CUE_START
#define WHOLE SL_CUE_WHOLE
#define END SL_CUE_END
#define MARK SL_CUE_MARKER
#define WEAK SL_CUE_WEAK

/* Order matters: the first match wins, so the most specific come first. */
static const sl_cue cues[] = {
    /* Photo captions and credits. */
    { "file photo", "caption", START, 0, 90 },
    { "file picture", "caption", START, 0, 90 },
    { "file image", "caption", START, 0, 90 },
    { "file -", "caption", START, 0, 90 },
    { "the file photo", "caption", START, 0, 90 },
    { "a file photo", "caption", START, 0, 90 },
    { "this file photo", "caption", START, 0, 90 },
    { "in this file photo", "caption", START, 0, 90 },
    { "in this photo", "caption", START, 0, 90 },
    { "in this image", "caption", START, 0, 90 },
    { "this photo shows", "caption", START, 0, 90 },
    { "the photo shows", "caption", START, 0, 90 },
    { "the picture shows", "caption", START, 0, 90 },
    { "the image shows", "caption", START, 0, 90 },
    { "photo:", "caption", START, 0, 90 },
    { "photo :", "caption", START, 0, 90 },
    { "photos:", "caption", START, 0, 90 },
    { "photo by", "caption", START, 0, 90 },
    { "photo credit", "caption", START, 0, 90 },
    { "photograph:", "caption", START, 0, 90 },
    { "picture:", "caption", START, 0, 90 },
    { "pictured:", "caption", START, 0, 90 },
    { "image:", "caption", START, 0, 90 },
    { "image by", "caption", START, 0, 90 },
    { "caption:", "caption", START, 0, 90 },
    { "(photo", "caption", START, 0, 90 },
    { "(image", "caption", START, 0, 90 },
    { "[photo", "caption", START, 0, 90 },
    { "foto:", "caption", START, 0, 90 },
    { "fotos:", "caption", START, 0, 90 },
    { "foto von", "caption", START, 0, 90 },
    { "bild:", "caption", START, 0, 90 },
    { "archivbild", "caption", START, 0, 90 },
    { "archivfoto", "caption", START, 0, 90 },
    { "photo d'archive", "caption", START, 0, 90 },
    { "crédit photo", "caption", START, 0, 90 },
    { "légende :", "caption", START, 0, 90 },
    { "foto de archivo", "caption", START, 0, 90 },
    { "imagen:", "caption", START, 0, 90 },
    { "foto di", "caption", START, 0, 90 },
    { "immagine:", "caption", START, 0, 90 },
    { "фото:", "caption", START, 0, 90 },
    { "фото из архива", "caption", START, 0, 90 },
    { "на фото", "caption", START, 0, 90 },
    { "(photo:", "caption", ANY, 0, 70 },
    { "(photo by", "caption", ANY, 0, 70 },
    { "(foto:", "caption", ANY, 0, 70 },
    { "(image:", "caption", ANY, 0, 70 },
    { "reuters/", "caption", ANY, 0, 90 },
    { "afp/", "caption", ANY, 0, 90 },
    { "ap photo/", "caption", ANY, 0, 90 },
    { "epa/", "caption", ANY, 0, 90 },
    { "(reuters)", "caption", END, 0, 70 },
    { "(afp)", "caption", END, 0, 70 },
    { "(ap)", "caption", END, 0, 70 },
    { "(ap photo)", "caption", END, 0, 70 },
    { "(xinhua)", "caption", END, 0, 70 },
    { "getty images", "caption", END, 0, 70 },
    { "shutterstock", "caption", END, 0, 70 },

    /* Comment forms. */
    { "leave a reply", "comment-form", START, MARK, 12 },
    { "leave a comment", "comment-form", START, MARK, 12 },
    { "your email address will not be published", "comment-form", ANY, MARK, 30 },
    { "your e-mail address will not be published", "comment-form", ANY, MARK, 30 },
    { "required fields are marked", "comment-form", ANY, MARK, 30 },
    { "post comment", "comment-form", WHOLE, MARK, 3 },
    { "submit comment", "comment-form", WHOLE, MARK, 3 },
    { "cancel reply", "comment-form", WHOLE, MARK, 3 },
    { "save my name", "comment-form", START, MARK, 30 },
    { "notify me of", "comment-form", START, 0, 20 },
    { "comments are closed", "comment-form", START, MARK, 12 },
    { "you must be logged in to post a comment", "comment-form", START, MARK, 20 },
    { "add a comment", "comment-form", WHOLE, MARK, 4 },
    { "write a comment", "comment-form", WHOLE, MARK, 4 },
    { "hinterlasse einen kommentar", "comment-form", START, MARK, 12 },
    { "schreibe einen kommentar", "comment-form", START, MARK, 12 },
    { "kommentar verfassen", "comment-form", START, MARK, 12 },
    { "deine e-mail-adresse wird nicht veröffentlicht", "comment-form", ANY, MARK, 30 },
    { "ihre e-mail-adresse wird nicht veröffentlicht", "comment-form", ANY, MARK, 30 },
    { "erforderliche felder sind mit", "comment-form", ANY, MARK, 30 },
    { "kommentar abschicken", "comment-form", WHOLE, MARK, 3 },
    { "laisser un commentaire", "comment-form", START, MARK, 12 },
    { "laisser une réponse", "comment-form", START, MARK, 12 },
    { "votre adresse e-mail ne sera pas publiée", "comment-form", ANY, MARK, 30 },
    { "votre adresse email ne sera pas publiée", "comment-form", ANY, MARK, 30 },
    { "votre adresse de messagerie ne sera pas publiée", "comment-form", ANY, MARK, 30 },
    { "les champs obligatoires sont indiqués", "comment-form", ANY, MARK, 30 },
    { "deja una respuesta", "comment-form", START, MARK, 12 },
    { "deja un comentario", "comment-form", START, MARK, 12 },
    { "tu dirección de correo electrónico no será publicada", "comment-form", ANY, MARK, 30 },
    { "los campos obligatorios están marcados", "comment-form", ANY, MARK, 30 },
    { "publicar comentario", "comment-form", WHOLE, MARK, 3 },
    { "deixe uma resposta", "comment-form", START, MARK, 12 },
    { "deixe um comentário", "comment-form", START, MARK, 12 },
    { "o seu endereço de email não será publicado", "comment-form", ANY, MARK, 30 },
    { "o seu endereço de e-mail não será publicado", "comment-form", ANY, MARK, 30 },
    { "seu endereço de e-mail não será publicado", "comment-form", ANY, MARK, 30 },
    { "campos obrigatórios são marcados", "comment-form", ANY, MARK, 30 },
    { "оставьте комментарий", "comment-form", START, MARK, 12 },
    { "оставить комментарий", "comment-form", START, MARK, 12 },
    { "добавить комментарий", "comment-form", START, MARK, 12 },
    { "ваш адрес email не будет опубликован", "comment-form", ANY, MARK, 30 },
    { "ваш e-mail не будет опубликован", "comment-form", ANY, MARK, 30 },
    { "обязательные поля помечены", "comment-form", ANY, MARK, 30 },
    { "lascia un commento", "comment-form", START, MARK, 12 },
    { "lascia una risposta", "comment-form", START, MARK, 12 },
    { "il tuo indirizzo email non sarà pubblicato", "comment-form", ANY, MARK, 30 },
    { "i campi obbligatori sono contrassegnati", "comment-form", ANY, MARK, 30 },
    { "name", "comment-form", WHOLE, WEAK, 2 },
    { "email", "comment-form", WHOLE, WEAK, 2 },
    { "e-mail", "comment-form", WHOLE, WEAK, 2 },
    { "website", "comment-form", WHOLE, WEAK, 2 },
    { "comment", "comment-form", WHOLE, WEAK, 2 },
    { "comments", "comment-form", WHOLE, WEAK, 2 },

    /* Related-post blocks and tag lists: the tail of a spam blog. */
    { "related posts", "spam-tail", START, MARK, 8 },
    { "related articles", "spam-tail", START, MARK, 8 },
    { "related stories", "spam-tail", START, MARK, 8 },
    { "related news", "spam-tail", START, MARK, 8 },
    { "related:", "spam-tail", START, MARK, 8 },
    { "you may also like", "spam-tail", START, MARK, 8 },
    { "you might also like", "spam-tail", START, MARK, 8 },
    { "recommended for you", "spam-tail", START, MARK, 8 },
    { "tags:", "spam-tail", START, MARK, 40 },
    { "tagged:", "spam-tail", START, MARK, 40 },
    { "tagged with", "spam-tail", START, MARK, 40 },
    { "filed under", "spam-tail", START, MARK, 40 },
    { "ähnliche beiträge", "spam-tail", START, MARK, 8 },
    { "ähnliche artikel", "spam-tail", START, MARK, 8 },
    { "verwandte artikel", "spam-tail", START, MARK, 8 },
    { "das könnte sie auch interessieren", "spam-tail", START, MARK, 8 },
    { "schlagwörter:", "spam-tail", START, MARK, 40 },
    { "articles similaires", "spam-tail", START, MARK, 8 },
    { "articles liés", "spam-tail", START, MARK, 8 },
    { "vous aimerez aussi", "spam-tail", START, MARK, 8 },
    { "entradas relacionadas", "spam-tail", START, MARK, 8 },
    { "artículos relacionados", "spam-tail", START, MARK, 8 },
    { "noticias relacionadas", "spam-tail", START, MARK, 8 },
    { "etiquetas:", "spam-tail", START, MARK, 40 },
    { "posts relacionados", "spam-tail", START, MARK, 8 },
    { "artigos relacionados", "spam-tail", START, MARK, 8 },
    { "notícias relacionadas", "spam-tail", START, MARK, 8 },
    { "похожие записи", "spam-tail", START, MARK, 8 },
    { "похожие статьи", "spam-tail", START, MARK, 8 },
    { "метки:", "spam-tail", START, MARK, 40 },
    { "теги:", "spam-tail", START, MARK, 40 },
    { "articoli correlati", "spam-tail", START, MARK, 8 },
    { "notizie correlate", "spam-tail", START, MARK, 8 },
    { "potrebbe interessarti", "spam-tail", START, MARK, 8 },

    /* Alternate or mirror addresses. */
    { "alternate address", "mirror", ANY, MARK, 40 },
    { "alternative address", "mirror", ANY, MARK, 40 },
    { "alternate addresses", "mirror", ANY, MARK, 40 },
    { "alternative addresses", "mirror", ANY, MARK, 40 },
    { "mirror site", "mirror", ANY, MARK, 40 },
    { "mirror address", "mirror", ANY, MARK, 40 },
    { "if the site is blocked", "mirror", ANY, MARK, 40 },
    { "if our site is blocked", "mirror", ANY, MARK, 40 },
    { "if the website is blocked", "mirror", ANY, MARK, 40 },
    { "also be accessed at", "mirror", ANY, MARK, 40 },
    { "alternative adresse", "mirror", ANY, MARK, 40 },
    { "spiegelseite", "mirror", ANY, MARK, 40 },
    { "adresse alternative", "mirror", ANY, MARK, 40 },
    { "site miroir", "mirror", ANY, MARK, 40 },
    { "dirección alternativa", "mirror", ANY, MARK, 40 },
    { "sitio espejo", "mirror", ANY, MARK, 40 },
    { "endereço alternativo", "mirror", ANY, MARK, 40 },
    { "зеркало сайта", "mirror", ANY, MARK, 40 },
    { "рабочее зеркало", "mirror", ANY, MARK, 40 },
    { "если сайт заблокирован", "mirror", ANY, MARK, 40 },
    { "indirizzo alternativo", "mirror", ANY, MARK, 40 },
    { "sito mirror", "mirror", ANY, MARK, 40 },

    /* Share and follow prompts. */
    { "share this article", "share", START, MARK, 10 },
    { "share this story", "share", START, MARK, 10 },
    { "share this post", "share", START, MARK, 10 },
    { "share this page", "share", START, MARK, 10 },
    { "share this", "share", WHOLE, MARK, 3 },
    { "share article", "share", WHOLE, MARK, 3 },
    { "share", "share", WHOLE, MARK, 2 },
    { "share:", "share", START, MARK, 10 },
    { "share on", "share", START, 0, 8 },
    { "share via", "share", START, 0, 8 },
    { "click to share", "share", START, 0, 10 },
    { "tweet", "share", WHOLE, 0, 2 },
    { "print", "share", WHOLE, WEAK, 2 },
    { "copy link", "share", WHOLE, 0, 3 },
    { "email this", "share", START, 0, 6 },
    { "follow us", "share", START, 0, 14 },
    { "follow us on", "share", ANY, 0, 14 },
    { "like us on facebook", "share", ANY, 0, 14 },
    { "diesen artikel teilen", "share", START, MARK, 10 },
    { "artikel teilen", "share", START, MARK, 10 },
    { "teilen", "share", WHOLE, 0, 2 },
    { "folgen sie uns", "share", START, 0, 14 },
    { "partager cet article", "share", START, MARK, 10 },
    { "partager", "share", WHOLE, 0, 2 },
    { "partager sur", "share", START, 0, 8 },
    { "suivez-nous", "share", START, 0, 14 },
    { "compartir este artículo", "share", START, MARK, 10 },
    { "compartir", "share", WHOLE, 0, 2 },
    { "compartir en", "share", START, 0, 8 },
    { "síguenos", "share", START, 0, 14 },
    { "compartilhe", "share", START, 0, 10 },
    { "compartilhar", "share", WHOLE, 0, 2 },
    { "siga-nos", "share", START, 0, 14 },
    { "поделиться", "share", START, 0, 8 },
    { "подписывайтесь на нас", "share", START, 0, 14 },
    { "condividi", "share", START, 0, 8 },
    { "seguici", "share", START, 0, 14 },

    /* Newsletter, subscription and app prompts. */
    { "subscribe", "subscribe", WHOLE, 0, 2 },
    { "subscribe to our", "subscribe", ANY, 0, 20 },
    { "subscribe now", "subscribe", ANY, 0, 20 },
    { "subscribe to", "subscribe", START, 0, 25 },
    { "subscribe for", "subscribe", START, 0, 25 },
    { "sign up for our", "subscribe", ANY, 0, 20 },
    { "sign up to our", "subscribe", ANY, 0, 20 },
    { "sign up for", "subscribe", START, 0, 25 },
    { "sign up to", "subscribe", START, 0, 25 },
    { "sign up", "subscribe", WHOLE, 0, 2 },
    { "our newsletter", "subscribe", ANY, 0, 20 },
    { "newsletter", "subscribe", START, 0, 12 },
    { "get our app", "subscribe", ANY, 0, 20 },
    { "download our app", "subscribe", ANY, 0, 20 },
    { "download the app", "subscribe", ANY, 0, 20 },
    { "get the app", "subscribe", ANY, 0, 20 },
    { "install our app", "subscribe", ANY, 0, 20 },
    { "app store", "subscribe", ANY, WEAK, 12 },
    { "google play", "subscribe", ANY, WEAK, 12 },
    { "apple tv", "subscribe", ANY, WEAK, 8 },
    { "roku", "subscribe", ANY, WEAK, 8 },
    { "android", "subscribe", ANY, WEAK, 8 },
    { "ios", "subscribe", ANY, WEAK, 8 },
    { "smart tv", "subscribe", ANY, WEAK, 8 },
    { "newsletter abonnieren", "subscribe", ANY, 0, 20 },
    { "jetzt abonnieren", "subscribe", ANY, 0, 20 },
    { "abonnieren", "subscribe", WHOLE, 0, 2 },
    { "zum newsletter", "subscribe", ANY, 0, 20 },
    { "abonnez-vous", "subscribe", ANY, 0, 20 },
    { "s'abonner", "subscribe", START, 0, 25 },
    { "inscrivez-vous", "subscribe", START, 0, 25 },
    { "notre newsletter", "subscribe", ANY, 0, 20 },
    { "suscríbete", "subscribe", ANY, 0, 20 },
    { "suscribirse", "subscribe", START, 0, 25 },
    { "nuestro boletín", "subscribe", ANY, 0, 20 },
    { "assine", "subscribe", START, 0, 25 },
    { "inscreva-se", "subscribe", ANY, 0, 20 },
    { "nossa newsletter", "subscribe", ANY, 0, 20 },
    { "подпишитесь", "subscribe", ANY, 0, 20 },
    { "подписаться", "subscribe", START, 0, 25 },
    { "iscriviti", "subscribe", ANY, 0, 20 },
    { "abbonati", "subscribe", START, 0, 25 },
    { "la nostra newsletter", "subscribe", ANY, 0, 20 },

    /* Site signatures and copyright lines. */
    { "all rights reserved", "signature", ANY, 0, 30 },
    { "copyright", "signature", START, 0, 25 },
    { "©", "signature", ANY, 0, 25 },
    { "(c) 19", "signature", START, 0, 25 },
    { "(c) 20", "signature", START, 0, 25 },
    { "alle rechte vorbehalten", "signature", ANY, 0, 30 },
    { "tous droits réservés", "signature", ANY, 0, 30 },
    { "todos los derechos reservados", "signature", ANY, 0, 30 },
    { "todos os direitos reservados", "signature", ANY, 0, 30 },
    { "все права защищены", "signature", ANY, 0, 30 },
    { "tutti i diritti riservati", "signature", ANY, 0, 30 },
    { "reporting by", "signature", START, 0, 40 },
    { "additional reporting by", "signature", START, 0, 40 },
    { "editing by", "signature", START, 0, 40 },
    { "writing by", "signature", START, 0, 40 },
    { "compiled by", "signature", START, 0, 20 },

    /* Advertising slots. */
    { "advertisement", "advert", WHOLE, 0, 3 },
    { "advertising", "advert", WHOLE, 0, 3 },
    { "sponsored", "advert", WHOLE, 0, 3 },
    { "story continues below", "advert", START, 0, 8 },
    { "article continues below", "advert", START, 0, 8 },
    { "anzeige", "advert", WHOLE, 0, 3 },
    { "werbung", "advert", WHOLE, 0, 3 },
    { "publicité", "advert", WHOLE, 0, 3 },
    { "publicidad", "advert", WHOLE, 0, 3 },
    { "publicidade", "advert", WHOLE, 0, 3 },
    { "реклама", "advert", WHOLE, 0, 3 },
    { "pubblicità", "advert", WHOLE, 0, 3 },

    /* Navigation. */
    { "skip to content", "navigation", START, 0, 8 },
    { "skip to main content", "navigation", START, 0, 8 },
    { "zum inhalt springen", "navigation", START, 0, 8 },
    { "aller au contenu", "navigation", START, 0, 8 },
    { "ir al contenido", "navigation", START, 0, 8 },
    { "ir para o conteúdo", "navigation", START, 0, 8 },
    { "перейти к содержимому", "navigation", START, 0, 8 },
    { "vai al contenuto", "navigation", START, 0, 8 },
    { "menu", "navigation", WHOLE, 0, 2 },
    { "main menu", "navigation", WHOLE, 0, 3 },
    { "home", "navigation", WHOLE, 0, 2 },
    { "search", "navigation", WHOLE, 0, 2 },
    { "back to top", "navigation", WHOLE, 0, 4 },
    { "next article", "navigation", START, 0, 20 },
    { "previous article", "navigation", START, 0, 20 },
    { "next post", "navigation", START, 0, 20 },
    { "previous post", "navigation", START, 0, 20 },
    { "read more", "navigation", WHOLE, 0, 3 },
    { "continue reading", "navigation", WHOLE, 0, 3 },
    { "weiterlesen", "navigation", WHOLE, 0, 2 },
    { "mehr lesen", "navigation", WHOLE, 0, 3 },
    { "lire la suite", "navigation", WHOLE, 0, 4 },
    { "leer más", "navigation", WHOLE, 0, 3 },
    { "leia mais", "navigation", WHOLE, 0, 3 },
    { "читать далее", "navigation", WHOLE, 0, 3 },
    { "leggi tutto", "navigation", WHOLE, 0, 3 },
    { "read also", "navigation", START, 0, 20 },
    { "also read", "navigation", START, 0, 20 },
    { "see also", "navigation", START, 0, 15 },
    { "lesen sie auch", "navigation", START, 0, 20 },
    { "lire aussi", "navigation", START, 0, 20 },
    { "à lire aussi", "navigation", START, 0, 20 },
    { "lee también", "navigation", START, 0, 20 },
    { "leia também", "navigation", START, 0, 20 },
    { "читайте также", "navigation", START, 0, 20 },
    { "leggi anche", "navigation", START, 0, 20 },
};

static const char *const social_words[] = {
    "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "pinterest", "reddit",
    "email", "e-mail", "mail", "print", "vk", "vkontakte", "вконтакте", "одноклассники",
    "messenger", "tumblr", "flipboard", "instagram", "youtube", "tiktok", "threads", "bluesky",
    "mastodon", "viber", "xing", "pocket", "copy", "link", "share", "tweet", "whatsapp",
};

static const char *const menu_words[] = {
    "home", "news", "world", "sport", "sports", "business", "politics", "opinion", "culture",
    "entertainment", "tech", "technology", "science", "health", "lifestyle", "travel", "video",
    "videos", "photos", "about", "contact", "login", "register", "search", "menu", "archive",
    "weather", "economy", "markets", "education", "local", "more", "startseite", "nachrichten",
    "politik", "wirtschaft", "kultur", "kontakt", "impressum", "datenschutz", "accueil",
    "actualités", "économie", "société", "inicio", "noticias", "deportes", "economía",
    "contacto", "início", "notícias", "esportes", "главная", "новости", "политика",
    "экономика", "спорт", "контакты", "notizie", "cronaca", "politica", "economia", "contatti",
};

static const char *const by_words[] = {
    "by", "von", "par", "por", "di", "от", "автор", "автор:", "text:", "texto:", "by:",
};

/* Words of news outlets, agencies and newsroom roles (the right side of a
 * "Name Name, Outlet" byline). */
static const char *const media_words[] = {
    "news", "press", "presse", "times", "post", "journal", "herald", "tribune", "daily",
    "gazette", "telegraph", "guardian", "agency", "agence", "agencia", "agência", "agenzia",
    "agentur", "reuters", "ap", "afp", "bbc", "cnn", "dpa", "efe", "ansa", "tass", "xinhua",
    "bloomberg", "upi", "lusa", "ria", "interfax", "reporter", "correspondent", "editor", "staff",
    "writer", "contributor", "tv", "radio", "online", "media", "wire", "zeitung", "redaktion",
    "rédaction", "redacción", "redação", "redazione", "journalist", "journaliste",
    "periodista", "jornalista", "giornalista", "корреспондент", "редакция", "новости",
    "reportero", "reporter", "korrespondent", "korrespondentin", "envoyé", "enviado",
    "inviato",
};

static const char *const particles[] = {
    "de", "da", "del", "della", "di", "do", "dos", "das", "van", "von", "der", "den", "la",
    "le", "al", "el", "bin", "ben", "y", "e", "and", "und", "et", "&", "и", "ve",
};

/* Called for every word of every line: reject on the first byte before
 * comparing; strncmp stops at the end of a shorter list word. */
static bool in_list(const char *const *list, size_t n, const char *w, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == w[0] && strncmp(list[i], w, len) == 0 && list[i][len] == '\0')
            return true;
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool sl_lex_is_social(const char *w, size_t len)
{
    return in_list(social_words, COUNT(social_words), w, len);
}

bool sl_lex_is_menu(const char *w, size_t len)
{
    return in_list(menu_words, COUNT(menu_words), w, len);
}

bool sl_lex_is_media(const char *w, size_t len)
{
    return in_list(media_words, COUNT(media_words), w, len);
}

bool sl_lex_is_by(const char *w, size_t len)
{
    return in_list(by_words, COUNT(by_words), w, len);
}

bool sl_lex_is_particle(const char *w, size_t len)
{
    return in_list(particles, COUNT(particles), w, len);
}

/* Lower-case one code point (Latin, Greek, Cyrillic) and map typographic
 * apostrophes, quotes and dashes to ASCII. */
uint32_t sl_lex_fold_cp(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (c >= 0x100 && c <= 0x17F && c % 2 == 0 && c != 0x138)
        return c + 1;
    if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x2032)
        return '\'';
    if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB)
        return '"';
    if (c >= 0x2010 && c <= 0x2015)
        return '-';
    return c;
}

/* Fold one non-ASCII character at s[0..len) into o; returns the bytes
 * written and sets *adv to the bytes read.  Folding never makes a
 * character longer: a longer or invalid result keeps the original bytes. */
static size_t fold_multibyte(const char *s, size_t len, char *o, size_t *adv)
{
    int32_t cp = sl_utf8_decode(s, len, adv);
    char enc[4];
    size_t n = cp < 0 ? 0 : sl_utf8_encode(sl_lex_fold_cp((uint32_t)cp), enc);
    if (n == 0 || n > *adv) {
        memcpy(o, s, *adv);
        return *adv;
    }
    memcpy(o, enc, n);
    return n;
}

int sl_lex_fold(sl_buf *out, const char *s, size_t len)
{
    sl_buf_reset(out);
    int rc = sl_buf_reserve(out, len);
    if (rc)
        return rc;
    /* The output is never longer than the input, so it is written straight
     * into the reserved buffer; ASCII (most text) is lower-cased in place
     * without decoding. */
    char *o = out->ptr;
    size_t i = 0, n = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        size_t adv;
        n += fold_multibyte(s + i, len - i, o + n, &adv);
        i += adv;
    }
    out->len = n;
    o[n] = '\0';
    return SL_OK;
}

static bool is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Characters skipped around a line for START, END and WHOLE cues. */
static bool is_edge_punct(unsigned char c)
{
    return c == ' ' || c == '*' || c == ':' || c == '-' || c == '"' || c == '\'' || c == '.' ||
           c == '!' || c == '>' || c == '<' || c == '[' || c == ']' || c == '|' || c == '#' ||
           c == '+' || c == '=' || c == '_' || c == '~';
}

static bool boundary_ok(const char *low, size_t len, size_t at, size_t plen)
{
    if (at > 0 && is_word_byte((unsigned char)low[at - 1]) && is_word_byte((unsigned char)low[at]))
        return false;
    size_t end = at + plen;
    if (end < len && is_word_byte((unsigned char)low[end - 1]) && is_word_byte((unsigned char)low[end]))
        return false;
    return true;
}

static bool match_any(const char *low, size_t len, const char *p, size_t plen)
{
    for (size_t at = 0; at + plen <= len; at++) {
        const char *hit = memchr(low + at, p[0], len - at - plen + 1);
        if (!hit)
            return false;
        at = (size_t)(hit - low);
        if (memcmp(hit, p, plen) == 0 && boundary_ok(low, len, at, plen))
            return true;
    }
    return false;
}

static bool match_cue(const sl_cue *cue, size_t plen, const char *low, size_t len)
{
    size_t b = 0, e = len;
    /* Leading punctuation never belongs to a START cue that begins with it. */
    while (b < e && is_edge_punct((unsigned char)low[b]) && low[b] != cue->phrase[0])
        b++;
    while (e > b && is_edge_punct((unsigned char)low[e - 1]) && low[e - 1] != cue->phrase[plen - 1])
        e--;
    if (e - b < plen)
        return false;
    switch (cue->where) {
    case SL_CUE_START:
        return memcmp(low + b, cue->phrase, plen) == 0 && boundary_ok(low, e, b, plen);
    case SL_CUE_END:
        return memcmp(low + e - plen, cue->phrase, plen) == 0 && boundary_ok(low, e, e - plen, plen);
    case SL_CUE_WHOLE:
        return e - b == plen && memcmp(low + b, cue->phrase, plen) == 0;
    default:
        return match_any(low, len, cue->phrase, plen);
    }
}

_Static_assert(COUNT(cues) <= SL_LEX_MAX_CUES, "SL_LEX_MAX_CUES is too small");
_Static_assert(COUNT(social_words) + COUNT(menu_words) < SL_LEX_WORD_SLOTS / 2,
               "SL_LEX_WORD_SLOTS is too small");

/* ------------------------------------------------------- per-classifier index */

static unsigned any_bucket(const char *p)
{
    return ((unsigned char)p[0] * 131u + (unsigned char)p[1]) & (SL_LEX_ANY_BUCKETS - 1);
}

static unsigned word_hash(const char *w, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h & (SL_LEX_WORD_SLOTS - 1);
}

/* Word i of the social list followed by the menu list. */
static const char *feature_word(size_t i)
{
    return i < COUNT(social_words) ? social_words[i] : menu_words[i - COUNT(social_words)];
}

/* The slot holding w[0..len), or the free slot where it would go. */
static size_t word_slot(const sl_lex *lex, const char *w, size_t len)
{
    size_t at = word_hash(w, len);
    while (lex->word_slot[at]) {
        const char *x = feature_word(lex->word_slot[at] - 1u);
        if (lex->word_len[at] == len && memcmp(x, w, len) == 0)
            return at;
        at = (at + 1) & (SL_LEX_WORD_SLOTS - 1);
    }
    return at;
}

static void index_words(sl_lex *lex)
{
    memset(lex->word_slot, 0, sizeof lex->word_slot);
    memset(lex->word_kind, 0, sizeof lex->word_kind);
    for (size_t i = 0; i < COUNT(social_words) + COUNT(menu_words); i++) {
        const char *w = feature_word(i);
        size_t at = word_slot(lex, w, strlen(w));
        if (!lex->word_slot[at]) {
            lex->word_slot[at] = (unsigned short)(i + 1);
            lex->word_len[at] = (unsigned char)strlen(w);
        }
        lex->word_kind[at] |= i < COUNT(social_words) ? SL_WORD_SOCIAL : SL_WORD_MENU;
        lex->word_lengths[(unsigned char)w[0]] |= (uint32_t)1 << (strlen(w) % 32);
    }
}

unsigned sl_lex_word_kind(const sl_lex *lex, const char *w, size_t len)
{
    if (len == 0 || !(lex->word_lengths[(unsigned char)w[0]] >> (len % 32) & 1))
        return 0;
    size_t at = word_slot(lex, w, len);
    return lex->word_slot[at] ? lex->word_kind[at] : 0;
}

/* Which chain a cue goes in; returns its head. */
/* A chain holds the cues for which its key is a necessary condition:
 * the first byte at the line's trimmed start (START, WHOLE), the last byte
 * at its trimmed end (END), the first two bytes somewhere (ANY).  A
 * trimmed character as the key byte moves the trim, so those go slow. */
static unsigned short *cue_chain(sl_lex *lex, const sl_cue *c, size_t len)
{
    unsigned char first = (unsigned char)c->phrase[0], last = (unsigned char)c->phrase[len - 1];
    if (len < 2)
        return &lex->slow_head;
    if (c->where == SL_CUE_ANY)
        return &lex->any_head[any_bucket(c->phrase)];
    if (c->where == SL_CUE_END)
        return is_edge_punct(last) ? &lex->slow_head : &lex->end_head[last];
    return is_edge_punct(first) ? &lex->slow_head : &lex->start_head[first];
}

/* Add the bytes of s[0..len) to a 256-bit set.  The four words are kept
 * in locals and every byte is or-ed into each under a mask: no branch and
 * no store per byte (this runs over every line). */
static void add_bytes(uint64_t set[4], const char *s, size_t len)
{
    uint64_t w0 = set[0], w1 = set[1], w2 = set[2], w3 = set[3];
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        uint64_t bit = (uint64_t)1 << (b & 63);
        unsigned word = b >> 6;
        w0 |= bit & ((uint64_t)0 - (word == 0));
        w1 |= bit & ((uint64_t)0 - (word == 1));
        w2 |= bit & ((uint64_t)0 - (word == 2));
        w3 |= bit & ((uint64_t)0 - (word == 3));
    }
    set[0] = w0;
    set[1] = w1;
    set[2] = w2;
    set[3] = w3;
}

/* any_list and any_bytes: the cues of the any_head chains. */
static void list_any_cues(sl_lex *lex)
{
    lex->n_any = 0;
    for (unsigned b = 0; b < SL_LEX_ANY_BUCKETS; b++) {
        for (unsigned k = lex->any_head[b]; k; k = lex->next[k - 1]) {
            add_bytes(lex->any_bytes[k - 1], cues[k - 1].phrase, lex->len[k - 1]);
            /* Insertion sort by max_words, most first. */
            size_t at = lex->n_any++;
            while (at > 0 && cues[lex->any_list[at - 1]].max_words < cues[k - 1].max_words) {
                lex->any_list[at] = lex->any_list[at - 1];
                at--;
            }
            lex->any_list[at] = (unsigned short)(k - 1);
        }
    }
}

void sl_lex_init(sl_lex *lex)
{
    memset(lex, 0, sizeof *lex);
    for (size_t i = 0; i < COUNT(cues); i++) {
        size_t len = strlen(cues[i].phrase);
        lex->len[i] = (unsigned char)len;
        lex->plain[i] = !is_edge_punct((unsigned char)cues[i].phrase[0]) &&
                        !is_edge_punct((unsigned char)cues[i].phrase[len - 1]);
        if (cues[i].max_words > lex->max_words)
            lex->max_words = cues[i].max_words;
    }
    /* Pushing to the front in reverse keeps every chain in lexicon order. */
    for (size_t i = COUNT(cues); i-- > 0;) {
        unsigned short *head = cue_chain(lex, &cues[i], lex->len[i]);
        lex->next[i] = *head;
        *head = (unsigned short)(i + 1);
        bool any = cues[i].where == SL_CUE_ANY && head != &lex->slow_head;
        if (any && cues[i].max_words > lex->any_max_words)
            lex->any_max_words = cues[i].max_words;
    }
    for (unsigned c = 0; c < 256; c++)
        lex->word_byte[c] = is_word_byte((unsigned char)c);
    list_any_cues(lex);
    index_words(lex);
}

/* ------------------------------------------------------- matching a line */

typedef struct any_hits {
    uint64_t bits[SL_LEX_MAX_CUES / 64];
} any_hits;

static bool cue_applies(const sl_lex *lex, size_t i, size_t len, size_t words)
{
    return words <= cues[i].max_words && lex->len[i] <= len;
}

/* Marks in `cand` the indexed SL_CUE_ANY cues that apply to the line and
 * whose bytes all occur in it; false when there are none. */
static bool any_candidates(const sl_lex *lex, const char *low, size_t len, size_t words,
                           any_hits *cand)
{
    uint64_t present[4] = { 0, 0, 0, 0 };
    add_bytes(present, low, len);
    bool some = false;
    memset(cand, 0, sizeof *cand);
    for (size_t j = 0; j < lex->n_any; j++) {
        size_t i = lex->any_list[j];
        if (words > cues[i].max_words)
            break; /* the rest allow even fewer words */
        const uint64_t *need = lex->any_bytes[i];
        if (lex->len[i] > len || (need[0] & ~present[0]) || (need[1] & ~present[1]) ||
            (need[2] & ~present[2]) || (need[3] & ~present[3]))
            continue;
        cand->bits[i / 64] |= (uint64_t)1 << (i % 64);
        some = true;
    }
    return some;
}

static bool has_bit(const any_hits *h, size_t i)
{
    return (h->bits[i / 64] >> (i % 64)) & 1;
}

/* One pass over the line marks every indexed SL_CUE_ANY cue that applies
 * and occurs at word boundaries: the same answer as match_any for each.
 * Positions between two word bytes are skipped: boundary_ok refuses them
 * whatever the phrase. */
static void find_any_hits(const sl_lex *lex, const char *low, size_t len, size_t words,
                          any_hits *hits)
{
    memset(hits, 0, sizeof *hits);
    any_hits cand;
    if (words > lex->any_max_words || !any_candidates(lex, low, len, words, &cand))
        return;
    bool prev_word = false;
    for (size_t at = 0; at + 1 < len; at++) {
        bool word = lex->word_byte[(unsigned char)low[at]];
        bool inside = prev_word && word;
        prev_word = word;
        if (inside)
            continue;
        for (unsigned k = lex->any_head[any_bucket(low + at)]; k; k = lex->next[k - 1]) {
            size_t i = k - 1, plen = lex->len[i];
            if (has_bit(&cand, i) && at + plen <= len && low[at + 1] == cues[i].phrase[1] &&
                memcmp(low + at, cues[i].phrase, plen) == 0 && boundary_ok(low, len, at, plen))
                hits->bits[i / 64] |= (uint64_t)1 << (i % 64);
        }
    }
}

/* The line without edge punctuation, as match_cue trims it for a phrase
 * that does not itself start or end with such a character. */
typedef struct trimmed {
    size_t b, e;
} trimmed;

static trimmed trim_line(const char *low, size_t len)
{
    trimmed t = { 0, len };
    while (t.b < t.e && is_edge_punct((unsigned char)low[t.b]))
        t.b++;
    while (t.e > t.b && is_edge_punct((unsigned char)low[t.e - 1]))
        t.e--;
    return t;
}

/* match_cue for a START, END or WHOLE phrase with plain edges, using the
 * line's trim. */
static bool match_plain(const sl_cue *cue, size_t plen, const char *low, trimmed t)
{
    const char *p = cue->phrase;
    if (t.e - t.b < plen)
        return false;
    switch (cue->where) {
    case SL_CUE_START:
        return memcmp(low + t.b, p, plen) == 0 && boundary_ok(low, t.e, t.b, plen);
    case SL_CUE_END:
        return memcmp(low + t.e - plen, p, plen) == 0 && boundary_ok(low, t.e, t.e - plen, plen);
    default: /* SL_CUE_WHOLE */
        return t.e - t.b == plen && memcmp(low + t.b, p, plen) == 0;
    }
}

/* match_cue, with the line's trim for a plain phrase. */
static bool match_keyed(const sl_lex *lex, size_t i, const char *low, size_t len, trimmed t)
{
    if (lex->plain[i])
        return match_plain(&cues[i], lex->len[i], low, t);
    return match_cue(&cues[i], lex->len[i], low, len);
}

/* The first cue before `best` in a START/WHOLE or END chain that matches,
 * else best. */
static size_t first_keyed(const sl_lex *lex, unsigned k, const char *low, size_t len,
                          size_t words, trimmed t, size_t best)
{
    for (; k && k - 1 < best; k = lex->next[k - 1])
        if (cue_applies(lex, k - 1, len, words) && match_keyed(lex, k - 1, low, len, t))
            return k - 1;
    return best;
}

static size_t first_slow(const sl_lex *lex, const char *low, size_t len, size_t words, size_t best)
{
    for (unsigned k = lex->slow_head; k && k - 1 < best; k = lex->next[k - 1])
        if (cue_applies(lex, k - 1, len, words) && match_cue(&cues[k - 1], lex->len[k - 1], low, len))
            return k - 1;
    return best;
}

/* The first marked ANY cue before best whose trimmed line is long enough
 * (match_cue checks that before searching; a phrase that is not plain
 * gets the whole match_cue). */
static size_t first_any(const sl_lex *lex, const any_hits *hits, const char *low, size_t len,
                        trimmed t, size_t best)
{
    for (size_t w = 0; w < SL_LEX_MAX_CUES / 64 && w * 64 < best; w++) {
        uint64_t bits = hits->bits[w];
        for (size_t i = w * 64; bits; i++, bits >>= 1) {
            if (i >= best)
                return best;
            if (!(bits & 1))
                continue;
            if (lex->plain[i] ? t.e - t.b >= lex->len[i] : match_cue(&cues[i], lex->len[i], low, len))
                return i;
        }
    }
    return best;
}

/* Every chain yields its first match in lexicon order; the earliest of
 * those is the first cue of the lexicon that matches, as a plain scan of
 * all cues would find. */
const sl_cue *sl_lex_find(const sl_lex *lex, const char *low, size_t len, size_t words)
{
    if (words > lex->max_words || len == 0)
        return NULL;
    trimmed t = trim_line(low, len);
    size_t best = COUNT(cues);
    if (t.e > t.b) {
        best = first_keyed(lex, lex->start_head[(unsigned char)low[t.b]], low, len, words, t, best);
        best = first_keyed(lex, lex->end_head[(unsigned char)low[t.e - 1]], low, len, words, t, best);
    }
    best = first_slow(lex, low, len, words, best);
    any_hits hits;
    find_any_hits(lex, low, len, words, &hits);
    best = first_any(lex, &hits, low, len, t, best);
    return best < COUNT(cues) ? &cues[best] : NULL;
}
