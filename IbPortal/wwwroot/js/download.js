// Downloads a file that the server streams through JS interop (a DotNetStreamReference), without a server endpoint:
// the ASP.NET Core Blazor "download from a stream" pattern. Loaded as a file of this origin from App.razor, because
// the Content-Security-Policy (script-src 'self') refuses inline script.
window.ibPortal = window.ibPortal || {};

window.ibPortal.downloadFile = async (fileName, contentType, contentStreamReference) => {
    const arrayBuffer = await contentStreamReference.arrayBuffer();
    const blob = new Blob([arrayBuffer], { type: contentType || 'application/octet-stream' });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName || '';
    anchor.style.display = 'none';
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    URL.revokeObjectURL(url);
};
