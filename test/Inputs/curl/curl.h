// Mock of libcurl's <curl/curl.h>: the easy interface, with C linkage as in
// the real header.
#ifndef MOCK_CURL_CURL_H
#define MOCK_CURL_CURL_H

#ifdef __cplusplus
extern "C" {
#endif

typedef void CURL;
typedef enum { CURLE_OK = 0 } CURLcode;
typedef enum { CURLOPT_URL = 10002 } CURLoption;

CURL *curl_easy_init(void);
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);
CURLcode curl_easy_perform(CURL *curl);
void curl_easy_cleanup(CURL *curl);

#ifdef __cplusplus
}
#endif

#endif
